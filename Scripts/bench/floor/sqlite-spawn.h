// C declarations front.swift needs: SQLite and posix_spawn.
#include <sqlite3.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
