"""The baseline: a bare Flask "hello" app, served the same way as the forum."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello() -> str:
    return "Hello, World!"
