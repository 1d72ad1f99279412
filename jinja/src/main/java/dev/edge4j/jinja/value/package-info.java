/**
 * Runtime values without a plain Java counterpart. Python None, bool, int, float, str, list and dict
 * are Java null, Boolean, Long (BigInteger when large), Double, String, List and Map.
 */
package dev.edge4j.jinja.value;
