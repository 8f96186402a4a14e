"""Writes and restores dump folders the way dynamodump (github.com/bchew/dynamodump) does.

This is not dynamodump's code: it follows the rules its backup and restore apply, which
docs/FORMATS.md sets out, with the same libraries (boto3's low-level client and Python's json
module), so that the tests read files encoded exactly as dynamodump encodes them.

  dump ENDPOINT TABLE DUMP_DIR PAGE_LIMIT
      DUMP_DIR/TABLE/schema.json: the DescribeTable answer; DUMP_DIR/TABLE/data/0001.json, ...:
      one Scan page each (Limit=PAGE_LIMIT), without ResponseMetadata. Both by
      json.dumps(..., indent=2), with bytes as Base64 and datetimes as ISO-8601 text.
  restore ENDPOINT DUMP_DIR/TABLE TARGET_TABLE
      Writes every page's items into TARGET_TABLE with BatchWriteItem after decoding only the
      top-level "B" values from Base64, as dynamodump's restore does: boto3 then encodes every
      other binary, still Base64 text, once more.

Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; the region is us-east-1.
"""

import base64
import datetime
import json
import os
import sys

import boto3


def default(obj):
    if isinstance(obj, datetime.datetime):
        return obj.isoformat()
    if isinstance(obj, bytes):
        return base64.b64encode(obj).decode("utf-8")
    raise TypeError(repr(obj))


def client(endpoint):
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")


def write(path, document):
    with open(path, "w") as f:
        f.write(json.dumps(document, indent=2, default=default))


def dump(endpoint, table, dump_dir, page_limit):
    dynamo = client(endpoint)
    folder = os.path.join(dump_dir, table)
    os.makedirs(os.path.join(folder, "data"))
    write(os.path.join(folder, "schema.json"), dynamo.describe_table(TableName=table))
    number = 1
    start = None
    while True:
        arguments = {"TableName": table, "Limit": page_limit}
        if start is not None:
            arguments["ExclusiveStartKey"] = start
        page = dynamo.scan(**arguments)
        del page["ResponseMetadata"]
        write(os.path.join(folder, "data", str(number).zfill(4) + ".json"), page)
        number += 1
        start = page.get("LastEvaluatedKey")
        if start is None:
            break


def restore(endpoint, folder, target):
    dynamo = client(endpoint)
    data = os.path.join(folder, "data")
    for name in sorted(os.listdir(data)):
        with open(os.path.join(data, name)) as f:
            page = json.load(f)
        for item in page["Items"]:
            for value in item.values():
                if "B" in value:
                    value["B"] = base64.b64decode(value["B"].encode("utf-8"))
        items = page["Items"]
        for at in range(0, len(items), 25):
            pending = {target: [{"PutRequest": {"Item": i}} for i in items[at : at + 25]]}
            while pending:
                pending = dynamo.batch_write_item(RequestItems=pending)["UnprocessedItems"]


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif sys.argv[1] == "restore":
        restore(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: dump ENDPOINT TABLE DUMP_DIR PAGE_LIMIT | restore ENDPOINT FOLDER TARGET")
