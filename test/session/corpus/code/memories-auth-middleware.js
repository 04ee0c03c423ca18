// Models adrianhajdin/project_mern_memories server/middleware/auth.js: Google tokens are decoded,
// never verified, while the app's own tokens are verified in the other branch.
import jwt from 'jsonwebtoken';

const secret = 'test'; // expect: session/hardcoded-secret

const auth = async (req, res, next) => {
  try {
    const token = req.headers.authorization.split(' ')[1];
    const isCustomAuth = token.length < 500;
    let decodedData;
    if (token && isCustomAuth) {
      decodedData = jwt.verify(token, secret); // expect: session/jwt-verify-algorithms-missing
      req.userId = decodedData?.id;
    } else {
      decodedData = jwt.decode(token); // expect: session/jwt-decode-without-verify
      req.userId = decodedData?.sub;
    }
    next();
  } catch (error) {
    console.log(error);
  }
};

export default auth;
