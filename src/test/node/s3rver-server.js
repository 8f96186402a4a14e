// Starts s3rver, the second S3 implementation the tests run against beside S3Proxy, path-style
// only, accepting any access key: s3rver knows one key (S3RVER) and does not check V4 signatures,
// so this only lets every engine take the tests' credentials.
// s3rver stays up when a client drops a connection mid-request (LocalEnginesIT holds that), but it
// keeps what arrived of an aborted PutObject as the object.
// Usage: node s3rver-server.js --address 127.0.0.1 --port 4568 --directory DIR [--silent]
'use strict'
const argv = require('minimist')(process.argv.slice(2), {
  string: ['address', 'directory'],
  boolean: ['silent']
})
const S3rver = require('s3rver')
const AWSAccount = require('s3rver/lib/models/account')

const knownAccount = AWSAccount.registry.get.bind(AWSAccount.registry)
AWSAccount.registry.get = (accessKeyId) => knownAccount(accessKeyId) || AWSAccount.DUMMY_ACCOUNT

new S3rver({
  address: argv.address,
  port: Number(argv.port),
  directory: argv.directory,
  silent: argv.silent,
  vhostBuckets: false
})
  .run()
  .then(({ address, port }) => console.log('S3rver listening at: http://%s:%s', address, port))
  .catch((err) => {
    console.error(err)
    process.exit(1)
  })
