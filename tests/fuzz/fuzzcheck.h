#pragma once
// What every fuzz target shares: CHECK for invariants, which prints the input
// being run as hex before aborting, and a quiet Qt log so that millions of
// rejected inputs do not flood the output. Header-only so that a target
// builds the same way with libFuzzer (clang -fsanitize=fuzzer) and with the
// GCC replay driver (replay_main.cpp).

#include <QLoggingCategory>

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace muelle::fuzz {

struct Input {
    const uint8_t *data = nullptr;
    size_t size = 0;
};

// The input being run, for CHECK's report.
inline Input currentInput;
// Set once CHECK has printed the input, so that a driver's abort handler
// does not print it again.
inline volatile std::sig_atomic_t inputReported = 0;

// Set by the target on entry; the driver also uses it when a signal arrives.
class RunningInput {
public:
    RunningInput(const uint8_t *data, size_t size) { currentInput = { data, size }; }
    ~RunningInput() { currentInput = {}; }
    RunningInput(const RunningInput &) = delete;
    RunningInput &operator=(const RunningInput &) = delete;
};

inline void printHex(FILE *out, const uint8_t *data, size_t size)
{
    std::fprintf(out, "input (%zu bytes):\n", size);
    for (size_t i = 0; i < size; ++i)
        std::fprintf(out, "%02x%s", data[i], (i % 32 == 31 || i + 1 == size) ? "\n" : "");
}

[[noreturn]] inline void checkFailed(const char *expression, const char *file, int line)
{
    std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, expression);
    printHex(stderr, currentInput.data, currentInput.size);
    std::fflush(stderr);
    inputReported = 1;
    std::abort();
}

// Rejected inputs are the common case; their warnings are noise. Fatal
// messages still abort.
inline void quietLogs()
{
    static const bool once = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
        return true;
    }();
    (void)once;
}

} // namespace muelle::fuzz

#define CHECK(condition)                                                                                               \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            ::muelle::fuzz::checkFailed(#condition, __FILE__, __LINE__);                                               \
    } while (false)
