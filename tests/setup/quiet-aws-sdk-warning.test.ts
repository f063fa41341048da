/** The jest setup keeps the AWS SDK's Node-version warning out of `npm test`'s output, whatever Node runs it. */
describe("the AWS SDK's Node-version warning under jest", () => {
  it('is not emitted, even for a Node version the SDK would warn about', () => {
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      jest.isolateModules(() => {
        // The SDK's own check, as every client runs it when constructed (a fresh copy: it warns once per load).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { emitWarningIfUnsupportedVersion } = require('@aws-sdk/core/client') as { emitWarningIfUnsupportedVersion(version: string): void };
        emitWarningIfUnsupportedVersion('v20.19.0');
      });
      expect(emitWarning).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
    }
  });
});
