// Starts dynalite like its own cli.js does, but survives a client that drops a connection
// mid-request. dynalite rethrows such request errors ("aborted", ECONNRESET) and the whole server
// dies, whereas DynamoDB itself simply forgets the request; the tool cancels in-flight requests
// when a job fails, so the tests need a server that behaves like DynamoDB here.
// Usage: node dynalite-server.js --host 127.0.0.1 --port 8000 [dynalite options]
'use strict'
const argv = require('minimist')(process.argv.slice(2))
const dynalite = require('dynalite')

process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.message === 'aborted')) {
    return
  }
  console.error(err)
  process.exit(1)
})

const server = dynalite(argv).listen(argv.port, argv.host, () => {
  const address = server.address()
  console.log('Dynalite listening at: http://%s:%s', argv.host, address.port)
})
