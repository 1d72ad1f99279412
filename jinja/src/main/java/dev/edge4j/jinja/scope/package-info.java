/** Static scoping: which frame declares each name and how it is initialized, as Jinja2's compiler decides. */
package dev.edge4j.jinja.scope;
