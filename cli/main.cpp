// keyrite-engine: the whole of keyrite, every command. The `keyrite` launcher (launcher.cpp) runs a
// plain split itself and hands every other command line to this program unchanged. Everything
// happens in RunKeyrite (run.cpp).

#include "run.h"

int main(int argc, char** argv) { return keyrite::cli::RunKeyrite(argc, argv); }
