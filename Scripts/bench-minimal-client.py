#!/usr/bin/env python3
"""The minimal client `agon-bench collect` compares itself with: the same chat-completion bodies,
sent with asyncio (standard library only), `concurrency` at a time. Prints one JSON line:
{"seconds": wall time, "completion_tokens": sum of the server's usage counts, "requests": n}."""
import asyncio, json, sys, time, urllib.request

async def main(url, bodies_file, concurrency):
    bodies = [line.encode() for line in open(bodies_file) if line.strip()]
    gate = asyncio.Semaphore(concurrency)
    def post(body):
        request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=900) as response:
            return json.load(response)["usage"]["completion_tokens"]
    async def one(body):
        async with gate:
            return await asyncio.to_thread(post, body)
    started = time.monotonic()
    tokens = await asyncio.gather(*(one(b) for b in bodies))
    print(json.dumps({"seconds": time.monotonic() - started, "completion_tokens": sum(tokens), "requests": len(bodies)}))

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
