/* main.c — only wires the command line to the library. */
#include "cli.h"

int main(int argc, char **argv)
{
	return bc_cli_main(argc, argv);
}
