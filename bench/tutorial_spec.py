"""The tutorial's `spec`: the same imports as its source.py, then print spec.json as a SPEC message.
Baseline for the start-up benchmark. Usage: python3 tutorial_spec.py SPEC_JSON"""
import argparse  # noqa: F401  (the tutorial's source.py imports these at start-up)
import json
import os  # noqa: F401
import sys
from datetime import date, datetime, timedelta, timezone  # noqa: F401

import requests  # noqa: F401

with open(sys.argv[1]) as spec_file:
    spec = json.load(spec_file)
print(json.dumps({"type": "SPEC", "spec": spec}))
