/* cli.h — the command line: `bosaicast run | render | dict check`. */
#ifndef BC_CLI_H
#define BC_CLI_H

/* Run the command line; returns the exit status. */
int bc_cli_main(int argc, char **argv);

#endif
