/**
 * Jest setup (jest.config.js setupFiles), before any test file loads the AWS SDK: the SDK warns on Node < 22
 * that its versions from January 2027 will need Node 22, once per module registry, which under jest is once
 * per test file. Lambda runs nodejs24.x; Node 20 still runs everything here (README, "Node versions").
 * `npm run bench`, `npm run soak` and `npm start` quiet it the same way.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
