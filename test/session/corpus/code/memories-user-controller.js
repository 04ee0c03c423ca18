// Models adrianhajdin/project_mern_memories server/controllers/user.js: a one-hour access token
// signed with a literal secret and returned in the body.
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import UserModal from '../models/user.js';

const secret = 'test'; // expect: session/hardcoded-secret

export const signin = async (req, res) => {
  const { email, password } = req.body;
  try {
    const oldUser = await UserModal.findOne({ email });
    if (!oldUser) return res.status(404).json({ message: "User doesn't exist" });
    const isPasswordCorrect = await bcrypt.compare(password, oldUser.password);
    if (!isPasswordCorrect) return res.status(400).json({ message: 'Invalid credentials' });
    const token = jwt.sign({ email: oldUser.email, id: oldUser._id }, secret, { expiresIn: '1h' }); // expect: session/access-token-lifetime
    res.status(200).json({ result: oldUser, token });
  } catch (err) {
    res.status(500).json({ message: 'Something went wrong' });
  }
};
