/**
 * Backends by name: the library's parser of backend specifications ({@code statevector}, {@code strange},
 * {@code shots:N[:INNER]}, {@code ibm-runtime:DEVICE}), the same grammar the command line's {@code --backend} takes, so a
 * program can open the backend a user names without knowing its classes.
 */
package io.qmoe.device;
