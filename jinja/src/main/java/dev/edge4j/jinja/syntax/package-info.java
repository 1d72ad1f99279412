/** Template source to statement tree: Jinja2's lexer rules (trim_blocks, lstrip_blocks, -/+) and grammar. */
package dev.edge4j.jinja.syntax;
