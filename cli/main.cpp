// keyrite: an air-gapped key-ceremony toolkit. Everything happens in RunKeyrite (run.cpp).

#include "run.h"

int main(int argc, char** argv) { return keyrite::cli::RunKeyrite(argc, argv); }
