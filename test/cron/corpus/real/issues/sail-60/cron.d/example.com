*/5 * * * * www-data /usr/bin/php /var/www/example.com/wp-cron.php > /dev/null 2>&1
