/**
 * OpenQASM 3 (and 2.0) files for expert circuits: a reader with file:line:column errors and the two qmoe pragmas
 * ({@code data}, {@code observable}) that also reads what other tools write (Unicode identifiers, {@code gate}
 * definitions, the {@code inv}/{@code ctrl}/{@code negctrl}/{@code pow} modifiers and the stdgates.inc gates qmoe has
 * no kind for, all rewritten exactly into qmoe's gates) and refuses, with a location, what it cannot simulate; and a
 * writer whose output other OpenQASM 3 tools read and qmoe reads back bit for bit.
 */
package io.qmoe.qasm;
