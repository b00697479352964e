#!/usr/bin/env python3
"""A stand-in inference server for agon collect's tests: what a healthy server never does.

Speaks the OpenAI chat-completions API (streamed as server-sent events over chunked HTTP/1.1, or
as one JSON object) under http://127.0.0.1:PORT/<scenario>/v1, where the scenario says what goes
wrong on the FIRST attempt for each (prompt, seed); later attempts answer normally:

  ok          always fine                     r429       429 with Retry-After: 1
  r500        500 twice                       stall      no byte for 3 s (past a 1 s timeout)
  drop        connection cut mid-stream       malformed  200 with a body that is not JSON
  empty       an empty answer                 length     finish_reason = length
  always500   500 every time                  reject401  401 every time
  model404    404 "model not found"           slow       every answer takes about 0.4 s
  llamacpp / vllm / ollama / sglang / lmstudio / inline
              each server kind's own reasoning field, model-detail endpoints and kind markers
              (ollama also answers its own POST /api/chat, newline-delimited JSON when streaming)

Standard library only. Prints its port on the first line of standard output (and into --port-file FILE), then serves until
killed (or until --lifetime seconds pass, so that a forgotten one stops by itself).
"""
import json
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

attempts = {}
lock = threading.Lock()

ANSWER = "The stone rolls back; the hypothesis is the climb itself. {tail}"
THINKING = "First consider the myth, then the machine."


def count_attempt(key):
    with lock:
        attempts[key] = attempts.get(key, 0) + 1
        return attempts[key]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    # --- helpers -------------------------------------------------------------------------
    def send_json(self, status, obj, headers=None):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def scenario_and_path(self):
        parts = self.path.split("/", 2)
        if len(parts) < 3:
            return "", self.path
        return parts[1], "/" + parts[2]

    # --- model-detail endpoints ----------------------------------------------------------
    def do_GET(self):
        scenario, path = self.scenario_and_path()
        if scenario == "llamacpp" and path == "/props":
            return self.send_json(200, {"default_generation_settings": {"n_ctx": 32768},
                                        "model_path": "/models/Llama-3.3-70B-Instruct-F16.gguf",
                                        "build_info": "b9999-test", "total_slots": 4})
        if scenario == "llamacpp" and path == "/v1/models":
            return self.send_json(200, {"object": "list", "data": [{
                "id": "Llama-3.3-70B-Instruct-F16.gguf", "object": "model", "owned_by": "llamacpp",
                "meta": {"vocab_type": 2, "n_vocab": 128256, "n_ctx_train": 131072, "n_embd": 8192,
                         "n_params": 70553706496, "size": 141107412992}}]})
        if scenario == "ollama" and path == "/api/version":
            return self.send_json(200, {"version": "0.12.0"})
        if scenario == "vllm" and path == "/v1/models":
            return self.send_json(200, {"object": "list", "data": [{
                "id": "Qwen/Qwen3-8B", "object": "model", "owned_by": "vllm", "root": "Qwen/Qwen3-8B",
                "max_model_len": 40960}]})
        if scenario == "vllm" and path == "/version":
            return self.send_json(200, {"version": "0.11.0"})
        if scenario == "sglang" and path == "/get_model_info":
            return self.send_json(200, {"model_path": "Qwen/Qwen3-32B-FP8", "is_generation": True})
        if scenario == "lmstudio" and path == "/api/v0/models":
            return self.send_json(200, {"object": "list", "data": []})
        if scenario == "lmstudio" and path.startswith("/api/v0/models/"):
            return self.send_json(200, {"id": path.rsplit("/", 1)[1], "quantization": "Q4_K_M",
                                        "max_context_length": 131072, "loaded_context_length": 8192})
        if path == "/v1/models":
            return self.send_json(200, {"object": "list", "data": [{"id": "stand-in", "object": "model", "owned_by": "me"}]})
        return self.send_json(404, {"error": {"message": "not found", "code": 404}})

    def do_POST(self):
        scenario, path = self.scenario_and_path()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if scenario == "ollama" and path == "/api/show":
            return self.send_json(200, {
                "parameters": "num_ctx 8192\nstop \"<|im_end|>\"",
                "details": {"format": "gguf", "family": "qwen3moe", "parameter_size": "30.5B", "quantization_level": "Q4_K_M"},
                "model_info": {"general.architecture": "qwen3moe", "general.parameter_count": 30532122624,
                               "qwen3moe.context_length": 262144, "qwen3moe.expert_count": 128,
                               "qwen3moe.expert_used_count": 8}})
        if scenario == "ollama" and path == "/api/chat":
            return self.ollama_native_chat(raw)
        if path != "/v1/chat/completions":
            return self.send_json(404, {"error": {"message": "not found"}})
        try:
            request = json.loads(raw)
        except ValueError:
            return self.send_json(400, {"error": {"message": "body is not JSON"}})
        prompt = request["messages"][-1]["content"]
        attempt = count_attempt((scenario, prompt, request.get("seed")))
        first = attempt == 1
        stream = bool(request.get("stream"))

        if scenario == "always500" or (scenario == "r500" and attempt <= 2):
            return self.send_json(500, {"error": {"message": "internal failure (injected)"}})
        if scenario == "r429" and first:
            return self.send_json(429, {"error": {"message": "slow down (injected)"}}, {"Retry-After": "1"})
        if scenario == "reject401":
            return self.send_json(401, {"error": {"message": "invalid api key (injected)"}})
        if scenario == "model404":
            return self.send_json(404, {"error": {"message": "model 'nope' not found (injected)"}})
        if scenario == "stall" and first:
            time.sleep(3)
            try:
                return self.send_json(500, {"error": {"message": "too late"}})
            except OSError:
                return
        if scenario == "malformed" and first:
            body = b"{\"choices\": [ this is not json"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return

        text = ANSWER.format(tail="(%s)" % prompt[:40])
        thinking = None
        finish = "stop"
        if scenario == "empty" and first:
            text = ""
        if scenario == "length" and first:
            finish = "length"
        if scenario in ("llamacpp", "vllm", "ollama", "sglang", "lmstudio"):
            thinking = THINKING
        if scenario == "inline":
            text = "<think>" + THINKING + "</think>\n\n" + text
        field = {"llamacpp": "reasoning_content", "sglang": "reasoning_content", "vllm": "reasoning",
                 "ollama": "reasoning", "lmstudio": "reasoning"}.get(scenario)
        model = request.get("model", "stand-in")
        words = text.split(" ")
        usage = {"prompt_tokens": len(prompt.split()), "completion_tokens": len(words),
                 "total_tokens": len(prompt.split()) + len(words)}

        if not stream:
            if scenario == "slow":
                time.sleep(0.4)
            message = {"role": "assistant", "content": text}
            if thinking and field:
                message[field] = thinking
            return self.send_json(200, {"id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
                                        "model": model, "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                                        "usage": usage})

        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def event(obj):
            self.chunk(b"data: " + json.dumps(obj).encode() + b"\n\n")

        def delta(d, finish_reason=None):
            event({"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
                   "choices": [{"index": 0, "delta": d, "finish_reason": finish_reason}]})

        delta({"role": "assistant", "content": ""})
        if thinking and field:
            for piece in thinking.split(" "):
                delta({field: piece + " "})
        pieces = [w + " " for w in words]
        for index, piece in enumerate(pieces):
            if scenario == "drop" and first and index == 3:
                # Cut the connection in the middle of the chunked body: no terminating chunk.
                self.wfile.flush()
                self.connection.shutdown(2)
                self.close_connection = True
                return
            if scenario == "slow":
                time.sleep(0.4 / max(len(pieces), 1))
            delta({"content": piece})
        delta({}, finish)
        event({"id": "chatcmpl-test", "object": "chat.completion.chunk", "model": model, "choices": [], "usage": usage})
        self.chunk(b"data: [DONE]\n\n")
        self.chunk(b"")


    # --- Ollama's own chat route (docs/api.md "Generate a chat completion") ---------------
    def ollama_native_chat(self, raw):
        request = json.loads(raw)
        # Ollama ignores fields it does not know; the stand-in refuses the OpenAI ones, so that a
        # body left in the OpenAI shape (sampling outside `options`) fails the test instead.
        stray = [k for k in ("max_tokens", "temperature", "top_p", "seed", "stream_options", "reasoning_effort") if k in request]
        if stray:
            return self.send_json(400, {"error": "stand-in: OpenAI fields on /api/chat: %s" % ", ".join(stray)})
        prompt = request["messages"][-1]["content"]
        text = ANSWER.format(tail="(%s)" % prompt[:40])
        thinking = None if request.get("think") is False else THINKING
        model = request.get("model", "stand-in")
        words = text.split(" ")
        done = {"model": model, "created_at": "2026-01-01T00:00:00Z", "done": True, "done_reason": "stop",
                "total_duration": 1000, "prompt_eval_count": len(prompt.split()), "eval_count": len(words)}
        if request.get("stream") is False:
            message = {"role": "assistant", "content": text}
            if thinking:
                message["thinking"] = thinking
            return self.send_json(200, dict(done, message=message))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def line(obj):
            self.chunk(json.dumps(obj).encode() + b"\n")

        def piece(**message):
            line({"model": model, "created_at": "2026-01-01T00:00:00Z", "message": dict(role="assistant", **message), "done": False})

        for word in (thinking.split(" ") if thinking else []):
            piece(content="", thinking=word + " ")
        for word in words:
            piece(content=word + " ")
        line(dict(done, message={"role": "assistant", "content": ""}))
        self.chunk(b"")


def main():
    port = 0
    lifetime = 600.0
    port_file = None
    args = sys.argv[1:]
    while args:
        flag = args.pop(0)
        if flag == "--port":
            port = int(args.pop(0))
        elif flag == "--lifetime":
            lifetime = float(args.pop(0))
        elif flag == "--port-file":
            port_file = args.pop(0)
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(server.server_address[1], flush=True)
    if port_file:
        with open(port_file + ".part", "w") as f:
            f.write(str(server.server_address[1]))
        import os
        os.rename(port_file + ".part", port_file)
    threading.Timer(lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
