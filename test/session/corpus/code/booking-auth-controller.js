// Models safak/youtube2022 booking-app api/controllers/auth.js: the JWT has no expiry and its
// cookie is HttpOnly but neither Secure nor SameSite.
import User from '../models/User.js';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';

export const login = async (req, res, next) => {
  try {
    const user = await User.findOne({ username: req.body.username });
    if (!user) return next(new Error('User not found!'));
    const ok = await bcrypt.compare(req.body.password, user.password);
    if (!ok) return next(new Error('Wrong password or username!'));
    const token = jwt.sign({ id: user._id, isAdmin: user.isAdmin }, process.env.JWT); // expect: session/jwt-expiry-missing
    const { password, isAdmin, ...otherDetails } = user._doc;
    res
      .cookie('access_token', token, { httpOnly: true }) // expect: session/cookie-secure-missing, session/cookie-samesite-missing
      .status(200)
      .json({ details: { ...otherDetails }, isAdmin });
  } catch (err) {
    next(err);
  }
};
