// Running gemba-cli from a test: its exit code and what it wrote, each stream in a file of its own.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "tests/support.hpp"

namespace gemba::test {

struct CliRun {
    int code = -1;  // -1: it did not exit normally
    std::string out;
    std::string err;
};

// gemba-cli with `args`, each quoted for the shell, `input` on its standard input.
inline CliRun gemba_cli(const std::vector<std::string>& args, const std::string& input = {}) {
    const TempFolder io;
    write_all(io / "in", input);
    std::string command = shell_quote(GEMBA_CLI_PATH);
    for (const std::string& arg : args) command += " " + shell_quote(arg);
    command += " <" + shell_quote((io / "in").string()) + " >" + shell_quote((io / "out").string()) + " 2>" +
               shell_quote((io / "err").string());
    const int status = std::system(command.c_str());
    REQUIRE(status != -1);
    return CliRun{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_all(io / "out"), read_all(io / "err")};
}

}  // namespace gemba::test
