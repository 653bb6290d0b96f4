import packageJson from '../../package.json' with { type: 'json' };

export const appName = packageJson.productName;
export const appVersion = packageJson.version;
