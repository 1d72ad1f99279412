"""Renders chat templates with Python's Jinja2 configured as Hugging Face transformers'
apply_chat_template configures it, for comparison with Edge4j's ChatTemplate.

Reads a JSON request on stdin:
  {"now": "2025-03-14T09:26:53",
   "templates": {"name": "template source", ...},
   "cases": [{"id": "...", "template": "name", "context": {...}}, ...]}
and writes {"jinja2": version, "results": {id: result}} on stdout, where a result is
{"ok": true, "output": "..."} or {"ok": false, "type": "ExceptionClass", "message": "...", "line": n}.
"""
import datetime
import json
import sys

import jinja2
import jinja2.ext
import jinja2.nodes
from jinja2.exceptions import TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment


class GenerationBlock(jinja2.ext.Extension):
    """The {% generation %} block of transformers: renders its body unchanged."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        call = self.call_method("_generation_support")
        return jinja2.nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    @jinja2.pass_eval_context
    def _generation_support(self, context, caller):
        return caller()


def make_environment(now):
    def raise_exception(message):
        raise TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return now.strftime(format)

    env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[GenerationBlock, jinja2.ext.loopcontrols]
    )
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def failure(e):
    line = getattr(e, "lineno", None)
    message = e.message if isinstance(e, TemplateSyntaxError) else str(e)
    return {"ok": False, "type": type(e).__name__, "message": message, "line": line}


def main():
    request = json.load(sys.stdin)
    env = make_environment(datetime.datetime.fromisoformat(request["now"]))
    compiled = {}
    for name, source in request["templates"].items():
        try:
            compiled[name] = env.from_string(source)
        except Exception as e:  # the template itself is rejected; every case reports it
            compiled[name] = failure(e)
    results = {}
    for case in request["cases"]:
        template = compiled[case["template"]]
        if isinstance(template, dict):
            results[case["id"]] = template
            continue
        try:
            results[case["id"]] = {"ok": True, "output": template.render(**case["context"])}
        except Exception as e:
            results[case["id"]] = failure(e)
    json.dump({"jinja2": jinja2.__version__, "results": results}, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
