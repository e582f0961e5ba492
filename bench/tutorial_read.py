"""The tutorial's read loop, straightforwardly, over the same pages the connector reads.

Baseline for the throughput benchmark: one `requests.get` per ticker, `response.json()`, then one
`print(json.dumps(message))` per record, as the Python tutorial connector does (with the extra
fields this connector emits, so both write comparable bytes). Usage:
    python3 tutorial_read.py URLS_FILE API_KEY > /dev/null
"""
import json
import sys
from datetime import datetime, timezone

import requests


def main():
    urls_file, api_key = sys.argv[1], sys.argv[2]
    headers = {"Authorization": "Bearer " + api_key}
    for line in open(urls_file):
        ticker, url = line.split()
        while url:
            response = requests.get(url, headers=headers)
            body = response.json()
            for result in body.get("results", []):
                data = {
                    "date": datetime.fromtimestamp(result["t"] / 1000, tz=timezone.utc).strftime("%Y-%m-%d"),
                    "stock_ticker": ticker,
                    "price": result["c"],
                    "open": result["o"],
                    "high": result["h"],
                    "low": result["l"],
                    "close": result["c"],
                    "volume": result["v"],
                    "vwap": result.get("vw"),
                    "transactions": result.get("n"),
                }
                record = {"stream": "stock_prices", "data": data,
                          "emitted_at": int(datetime.now().timestamp() * 1000)}
                print(json.dumps({"type": "RECORD", "record": record}))
            url = body.get("next_url")


if __name__ == "__main__":
    main()
