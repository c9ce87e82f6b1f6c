import unproxy from "unproxy/webpack";

export default {
  webpack(config) {
    config.plugins.push(unproxy());
    return config;
  },
};
