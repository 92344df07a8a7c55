#pragma once
// The whole program behind main(): the production executable calls it directly, and the test
// build with fault injection (tests/fault/) installs its hook first, then calls it.

namespace keyrite::cli {

int RunKeyrite(int argc, char** argv);

}  // namespace keyrite::cli
