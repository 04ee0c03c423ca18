// Models file-download helpers of SPA clients that append the bearer token to links so that the
// browser can fetch them directly.
import axios from 'axios';

export function downloadUrl(fileId: string, accessToken: string): string {
  return `/api/files/${fileId}/download?access_token=${accessToken}`; // expect: session/token-in-url
}

export function listFiles(token: string) {
  return axios.get('/api/files', { params: { token } }); // expect: session/token-in-url
}

export function listFilesRight(token: string) {
  return axios.get('/api/files', { headers: { Authorization: `Bearer ${token}` } });
}
