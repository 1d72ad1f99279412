/** Python's semantics for template values: truth, comparison, arithmetic, str methods, repr, json.dumps, format. */
package dev.edge4j.jinja.python;
