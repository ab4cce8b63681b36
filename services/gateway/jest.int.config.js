module.exports = require('./jest.config.js')('integration');
