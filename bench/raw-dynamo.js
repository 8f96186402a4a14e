// The engine's own limits, measured with a client that costs almost nothing: it sends requests
// and reads the bytes back, never parsing the items.
//   node bench/raw-dynamo.js scan <endpoint> <table> <segments> <page-size>
//   node bench/raw-dynamo.js write <endpoint> <table> <concurrency> <csv-file>
// Prints one line: "<items> items in <seconds> s".
'use strict'
const http = require('http')
const fs = require('fs')
const readline = require('readline')

const [mode, endpoint, table, parallel, arg] = process.argv.slice(2)
const url = new URL(endpoint)
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })

function call(target, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, method: 'POST', path: '/', agent,
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': 'DynamoDB_20120810.' + target,
        'Content-Length': Buffer.byteLength(body),
        // dynalite checks that a request is signed, not the signature.
        Authorization: 'AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, ' +
          'SignedHeaders=host, Signature=0',
        'X-Amz-Date': '20260101T000000Z',
      },
    }, res => {
      const chunks = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        if (res.statusCode !== 200) reject(new Error(target + ' ' + res.statusCode + ' ' + text))
        else resolve(text)
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

// Only the small fields after the items are parsed.
function tail(text, field) {
  const at = text.lastIndexOf('"' + field + '":')
  if (at < 0) return undefined
  let depth = 0, i = text.indexOf(':', at) + 1, start = i
  for (; i < text.length; i++) {
    const c = text[i]
    if (c === '"') { i++; while (text[i] !== '"') { if (text[i] === '\\') i++; i++ } }
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') { if (depth === 0) break; depth-- }
    else if (c === ',' && depth === 0) break
  }
  return JSON.parse(text.slice(start, i))
}

async function scan(segments, pageSize) {
  let items = 0
  await Promise.all([...Array(segments).keys()].map(async segment => {
    let start
    do {
      const request = { TableName: table, Segment: segment, TotalSegments: segments, Limit: pageSize }
      if (start) request.ExclusiveStartKey = start
      const text = await call('Scan', JSON.stringify(request))
      items += tail(text, 'Count')
      start = tail(text, 'LastEvaluatedKey')
    } while (start)
  }))
  return items
}

async function write(concurrency, file) {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })
  const batches = []
  let batch = []
  for await (const line of lines) {
    if (!line) continue
    batch.push(line.slice(1, -1).replaceAll('""', '"')) // the quoted-JSON csv field
    if (batch.length === 25) { batches.push(batch); batch = [] }
  }
  if (batch.length) batches.push(batch)
  let next = 0, items = 0
  const t0 = process.hrtime.bigint()
  await Promise.all([...Array(concurrency).keys()].map(async () => {
    while (next < batches.length) {
      const writes = batches[next++]
      let body = '{"RequestItems":{"' + table + '":[' +
        writes.map(w => '{"PutRequest":{"Item":' + w + '}}').join(',') + ']}}'
      for (;;) {
        const text = await call('BatchWriteItem', body)
        const left = tail(text, 'UnprocessedItems')
        const pending = left && left[table] ? left[table] : []
        items += writes.length - pending.length
        if (!pending.length) break
        body = JSON.stringify({ RequestItems: { [table]: pending } })
      }
    }
  }))
  return [items, Number(process.hrtime.bigint() - t0) / 1e9]
}

(async () => {
  if (mode === 'scan') {
    await scan(Number(parallel), Number(arg)) // warm the engine
    const t0 = process.hrtime.bigint()
    const items = await scan(Number(parallel), Number(arg))
    console.log(items + ' items in ' + (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2) + ' s')
  } else {
    const [items, seconds] = await write(Number(parallel), arg)
    console.log(items + ' items in ' + seconds.toFixed(2) + ' s')
  }
  agent.destroy()
})().catch(e => { console.error(e.message); process.exit(1) })
