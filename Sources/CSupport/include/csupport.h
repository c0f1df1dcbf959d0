#ifndef CONGKHAI_CSUPPORT_H
#define CONGKHAI_CSUPPORT_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set when the file system or kernel
/// cannot do it (the caller then falls back to two renames).
int congkhai_exchange_paths(const char *a, const char *b);

#endif
