#!/usr/bin/env python3
"""Drives Deeploy's own Python client (deeploy==1.66.0) against deeploy-emulator.

The client builds https://api.{host}/... from its host; this script points its service object
at the emulator's plain-HTTP address instead, by setting the name-mangled attribute
DeeployService.__host (client._Client__deeploy_service._DeeployService__host), which every URL
of the service is built from.

It predicts with a token, then with a personal key pair when given, reads the request logs and
prediction logs back through get_request_logs and get_prediction_logs (whose pydantic models,
RequestLog and PredictionLog, validate the emulator's JSON), checks a wrong token is refused,
streams a chat completion (ClientOptions(stream=True)) and checks its events and its request
log's `streaming`, and prints one JSON summary line. Exit 0 when every check passes, 1 with the reason otherwise,
2 when the deeploy package is missing.

  python3 scripts/interop/deeploy_client.py --port 8080 --workspace ws --deployment dep \
      --token t0k3n [--access-key AK --secret-key SK] [--instances 100]
"""
import argparse
import importlib.metadata
import json
import sys

try:
    from deeploy import Client
    from deeploy.models.inference_options import ClientOptions
    from deeploy.models.prediction_log import PredictionLog, RequestLog
except ImportError as error:  # pragma: no cover - the message is the point
    print(f"deeploy is not importable ({error}): run `pip install deeploy==1.66.0`", file=sys.stderr)
    sys.exit(2)


def client(args, **credentials):
    """A Deeploy client whose service talks to the emulator over plain HTTP."""
    made = Client(host="emulator.invalid", workspace_id=args.workspace, **credentials)
    service = made._Client__deeploy_service
    if not hasattr(service, "_DeeployService__host"):
        raise SystemExit("this deeploy version has no DeeployService.__host; the interop script needs updating")
    service._DeeployService__host = f"http://{args.host}:{args.port}"
    return made


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--deployment", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--access-key")
    parser.add_argument("--secret-key")
    parser.add_argument("--instances", type=int, default=100)
    args = parser.parse_args()

    by_token = client(args, deployment_token=args.token)
    instances = [[i, i * 0.5, f"row-{i}"] for i in range(args.instances)]
    answer = by_token.predict(args.deployment, {"instances": instances})
    check(answer == {"predictions": instances}, f"predict answered {str(answer)[:200]}")

    calls = 1
    if args.access_key and args.secret_key:
        by_keys = client(args, access_key=args.access_key, secret_key=args.secret_key)
        answer = by_keys.predict(args.deployment, {"inputs": [[1, 2], [3, 4]]})
        check(answer == {"predictions": [[1, 2], [3, 4]]}, f"predict with a key pair answered {answer}")
        calls += 1

    refused = client(args, deployment_token="not-the-token")
    try:
        refused.predict(args.deployment, {"instances": [[1]]})
        check(False, "a wrong token was not refused")
    except Exception as error:  # the client raises a bare Exception with the JSON error body
        check("401" in str(error) or "Unauthorized" in str(error), f"a wrong token gave {error}")

    request_logs = by_token.get_request_logs(args.deployment, {"limit": 100, "sort": "createdAt:asc"}, include_raw_body=True)
    check(all(isinstance(log, RequestLog) for log in request_logs), "get_request_logs did not give RequestLog models")
    check(len(request_logs) == calls, f"expected {calls} request logs, got {len(request_logs)}")
    first = request_logs[0]
    check(first.status_code == 200, f"request log status {first.status_code}")
    check(first.request_content_type.startswith("application/json"), f"request log type {first.request_content_type}")
    check(first.token_id is not None and first.personal_keys_id is None, "the token call is not logged as a token call")
    check(len(first.prediction_logs or []) == args.instances, f"request log lists {len(first.prediction_logs or [])} prediction logs")
    check(first.raw_request_body == {"instances": instances}, "includeRawBody did not give the request body")
    if calls == 2:
        check(request_logs[1].personal_keys_id is not None, "the key-pair call is not logged as a personal-keys call")

    prediction_logs = by_token.get_prediction_logs(
        args.deployment, {"limit": 10000, "sort": "createdAt:asc", "request_log_id": f"eq:{first.id}"})
    check(all(isinstance(log, PredictionLog) for log in prediction_logs), "get_prediction_logs did not give PredictionLog models")
    check(len(prediction_logs) == args.instances, f"expected {args.instances} prediction logs, got {len(prediction_logs)}")
    for index, log in enumerate(prediction_logs):
        check(log.request_log_id == first.id, f"prediction log {index} belongs to {log.request_log_id}")
        check(log.request_body == {"instances": [instances[index]]}, f"prediction log {index} request {log.request_body}")
        check(log.response_body == {"predictions": [instances[index]]}, f"prediction log {index} response {log.response_body}")
        check(log.endpoint_type == "predict", f"prediction log {index} endpoint {log.endpoint_type}")

    page = by_token.get_prediction_logs(args.deployment, {"limit": 10, "offset": 1, "sort": "createdAt:asc"})
    check([log.id for log in page] == [log.id for log in prediction_logs[10:20]], "offset 1 of limit 10 is not logs 10-19")

    # A streamed chat completion (ClientOptions(stream=True): ?stream=true, an iterator of the
    # raw event-stream bytes), then its request log, which says streaming.
    content = "one  streamed answer"
    stream = by_token.chat_completions(
        args.deployment, {"messages": [{"role": "user", "content": content}]}, client_options=ClientOptions(stream=True))
    text = b"".join(stream).decode()
    events = [event for event in text.split("\n\n") if event]
    check(all(event.startswith("data: ") for event in events) and events[-1] == "data: [DONE]", f"the stream was {text[:200]!r}")
    deltas = [json.loads(event[6:])["choices"][0]["delta"] for event in events[:-1]]
    check("".join(delta.get("content", "") for delta in deltas) == content, f"the streamed deltas were {deltas}")
    newest = by_token.get_request_logs(args.deployment, {"limit": 1, "sort": "createdAt:desc"})[0]
    check(newest.endpoint_path == "chat/completions" and newest.streaming is True,
          f"the streamed call's request log: {newest.endpoint_path}, streaming {newest.streaming}")

    print(json.dumps({
        "ok": True, "streamedEvents": len(events), "requestLogs": len(request_logs), "predictionLogs": len(prediction_logs),
        "firstRequestLog": first.id, "deeployVersion": importlib.metadata.version("deeploy"),
    }))


if __name__ == "__main__":
    main()
