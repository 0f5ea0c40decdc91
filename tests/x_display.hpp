// Real windows for the end-to-end tests: a process started with extra environment, stopped for
// sure, and an Xvfb of its own to run it on, driven by commands (xdotool, xwd) on that display.
#pragma once

#include <doctest/doctest.h>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace gemba::test {

inline pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> args, env;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : env_strings) env.push_back(const_cast<char*>(e.c_str()));
    env.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), env.data()) == 0);
    return pid;
}

// SIGTERM, then SIGKILL after 5 s: the process is gone when this returns.
inline void stop(pid_t pid) {
    using namespace std::chrono_literals;
    kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 50 && waitpid(pid, &status, WNOHANG) == 0; ++i) std::this_thread::sleep_for(100ms);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
}

inline bool running(pid_t pid) {
    int status = 0;
    return waitpid(pid, &status, WNOHANG) == 0;
}

// An Xvfb that picks a free display number itself (-displayfd) and says it when it is ready: test
// runs that start at the same moment never race for one number.
struct Xvfb {
    int display = -1;
    pid_t pid = -1;

    explicit Xvfb(int width = 1280, int height = 800) {
        int ready[2];
        REQUIRE(::pipe(ready) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addclose(&actions, ready[0]);
        const std::vector<std::string> argv = {"Xvfb", "-displayfd", std::to_string(ready[1]), "-screen", "0",
                                               std::to_string(width) + "x" + std::to_string(height) + "x24",
                                               "-nolisten", "tcp"};
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(ready[1]);
        REQUIRE(spawned == 0);
        // A first start on a fresh, busy machine (keymap compiled, fonts scanned) can take seconds.
        pollfd wait_for{ready[0], POLLIN, 0};
        std::string number;
        char buffer[16];
        while (::poll(&wait_for, 1, 30'000) == 1) {
            const ssize_t n = ::read(ready[0], buffer, sizeof buffer);
            if (n <= 0) break;
            number.append(buffer, static_cast<std::size_t>(n));
            if (number.find('\n') != std::string::npos) break;
        }
        ::close(ready[0]);
        const bool started = !number.empty() && number.back() == '\n';
        REQUIRE_MESSAGE(started, "Xvfb did not start");
        display = std::stoi(number);
    }
    ~Xvfb() { stop(pid); }
    Xvfb(const Xvfb&) = delete;
    Xvfb& operator=(const Xvfb&) = delete;

    std::string env() const { return "DISPLAY=:" + std::to_string(display); }
    // A shell command on this display; its exit status.
    int run(const std::string& command) const { return std::system((env() + " " + command).c_str()); }
};

}  // namespace gemba::test
