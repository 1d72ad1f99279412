/** Running a template: frames, loops, macros, filters, tests, globals, and the sandbox's attribute rules. */
package dev.edge4j.jinja.runtime;
