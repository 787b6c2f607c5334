// Runs a fuzz target without libFuzzer, so that CI (GCC, no clang) keeps the
// targets honest: every file of the seed corpora given on the command line,
// then deterministic mutations of them (fixed-seed PRNG: bit flips, byte
// insertions and deletions, splices between inputs, interesting values) for
// a bounded count and time. No coverage feedback: this is a regression net,
// not a replacement for a real fuzzing campaign.
//
//   replay [--iterations N] [--seconds S] [--seed N] [--max-len N]
//          [--timeout S] <corpus dir or file>...
//
// Exits non-zero when the target throws, crashes, takes longer than the
// timeout on one input, or a CHECK fails; the input is printed as hex to
// stderr and written to crash-<target> in the working directory (run
// `replay crash-<target>` to reproduce it alone, with no mutations).

#include "fuzzcheck.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;
namespace fs = std::filesystem;

struct Options {
    long iterations = 20000;
    double seconds = 20;
    uint64_t seed = 0x6d75656c6c65; // "muelle"
    size_t maxLength = 64 * 1024;
    unsigned timeout = 10; // seconds for one input
    std::vector<std::string> paths;
};

// --- crash reporting ------------------------------------------------------

// What the signal handler may touch: set before each run.
volatile std::sig_atomic_t running = 0;
const uint8_t *runningData = nullptr;
size_t runningSize = 0;
std::string crashPath;

void writeAll(int fd, const char *text, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, text, size);
        if (n <= 0)
            return;
        text += n;
        size -= size_t(n);
    }
}

void writeText(int fd, const char *text)
{
    writeAll(fd, text, std::strlen(text));
}

// Async-signal-safe: write(2) only.
void writeHex(int fd, const uint8_t *data, size_t size)
{
    static const char digits[] = "0123456789abcdef";
    char line[65];
    for (size_t i = 0; i < size; i += 32) {
        size_t n = 0;
        for (size_t j = i; j < size && j < i + 32; ++j) {
            line[n++] = digits[data[j] >> 4];
            line[n++] = digits[data[j] & 15];
        }
        line[n++] = '\n';
        writeAll(fd, line, n);
    }
}

void saveCrash()
{
    const int fd = ::open(crashPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    writeAll(fd, reinterpret_cast<const char *>(runningData), runningSize);
    ::close(fd);
    writeText(2, "input saved to ");
    writeText(2, crashPath.c_str());
    writeText(2, "\n");
}

void onSignal(int signal)
{
    if (running) {
        if (signal == SIGALRM) {
            writeText(2, "\n*** timeout on one input\n");
        } else {
            writeText(2, "\n*** crash: ");
            writeText(2, sigabbrev_np(signal));
            writeText(2, "\n");
        }
        if (!muelle::fuzz::inputReported) {
            writeText(2, "input as hex:\n");
            writeHex(2, runningData, runningSize);
        }
        saveCrash();
    }
    if (signal == SIGALRM)
        ::_exit(1);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void installHandlers()
{
    for (const int signal : { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM })
        std::signal(signal, onSignal);
}

[[noreturn]] void failRun(const char *what)
{
    std::fprintf(stderr, "\n*** %s\n", what);
    muelle::fuzz::printHex(stderr, runningData, runningSize);
    std::fflush(stderr);
    saveCrash();
    std::_Exit(1);
}

void run(const Bytes &input, const Options &options)
{
    // An exact-size copy, as libFuzzer gives it: reads past the end are
    // reads past a heap block.
    std::unique_ptr<uint8_t[]> copy(new uint8_t[std::max<size_t>(input.size(), 1)]);
    std::copy(input.begin(), input.end(), copy.get());
    runningData = copy.get();
    runningSize = input.size();
    running = 1;
    ::alarm(options.timeout);
    try {
        LLVMFuzzerTestOneInput(copy.get(), input.size());
    } catch (const std::exception &error) {
        std::fprintf(stderr, "\n*** exception: %s", error.what());
        failRun("the target threw");
    } catch (...) {
        failRun("the target threw a non-std exception");
    }
    ::alarm(0);
    running = 0;
    runningData = nullptr;
    runningSize = 0;
}

// --- mutations ------------------------------------------------------------

// splitmix64: small, fast and the same everywhere.
class Random {
public:
    explicit Random(uint64_t seed) : state_(seed) { }
    uint64_t next()
    {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // In [0, bound); 0 when bound is 0.
    size_t below(size_t bound) { return bound == 0 ? 0 : size_t(next() % bound); }
    bool oneIn(size_t n) { return below(n) == 0; }

private:
    uint64_t state_;
};

// Bytes that separate or end things in the formats under test.
constexpr uint8_t kInterestingBytes[]
    = { 0x00, 0x01, 0x7f, 0x80, 0xff, '0', '1', '7', '9', ':', '/', '@', '.', '-', '_', ' ', '\t', '\n', '\r', '"',
          '\\', '{', '}', '[', ']', ',', '=', '*', '(', ')', 'A', 'Z', 'a', 'z', 0xc3, 0xe2 };
constexpr uint64_t kInterestingValues[] = { 0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x1ff, 0x200, 0x1000, 0x7fff, 0x8000,
    0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff };

void insertBytes(Bytes &bytes, size_t at, const uint8_t *data, size_t size)
{
    bytes.insert(bytes.begin() + std::ptrdiff_t(at), data, data + size);
}

void mutateOnce(Bytes &bytes, const std::vector<Bytes> &pool, Random &random)
{
    const size_t size = bytes.size();
    switch (random.below(12)) {
    case 0: // flip a bit
        if (size > 0)
            bytes[random.below(size)] ^= uint8_t(1u << random.below(8));
        break;
    case 1: // a random byte
        if (size > 0)
            bytes[random.below(size)] = uint8_t(random.next());
        break;
    case 2: // an interesting byte
        if (size > 0)
            bytes[random.below(size)] = kInterestingBytes[random.below(std::size(kInterestingBytes))];
        break;
    case 3: { // insert a few random or interesting bytes
        const size_t count = 1 + random.below(8);
        Bytes inserted;
        for (size_t i = 0; i < count; ++i)
            inserted.push_back(random.oneIn(2) ? uint8_t(random.next())
                                               : kInterestingBytes[random.below(std::size(kInterestingBytes))]);
        insertBytes(bytes, random.below(size + 1), inserted.data(), inserted.size());
        break;
    }
    case 4: { // delete a range
        if (size == 0)
            break;
        const size_t at = random.below(size);
        const size_t count = 1 + random.below(std::min<size_t>(16, size - at));
        bytes.erase(bytes.begin() + std::ptrdiff_t(at), bytes.begin() + std::ptrdiff_t(at + count));
        break;
    }
    case 5: { // duplicate a range of the input elsewhere in it
        if (size == 0)
            break;
        const size_t at = random.below(size);
        const size_t count = 1 + random.below(std::min<size_t>(64, size - at));
        const Bytes chunk(bytes.begin() + std::ptrdiff_t(at), bytes.begin() + std::ptrdiff_t(at + count));
        insertBytes(bytes, random.below(size + 1), chunk.data(), chunk.size());
        break;
    }
    case 6: { // splice in a piece of another input, inserted or overwriting
        const Bytes &other = pool[random.below(pool.size())];
        if (other.empty())
            break;
        const size_t at = random.below(other.size());
        const size_t count = 1 + random.below(std::min<size_t>(256, other.size() - at));
        const size_t to = random.below(size + 1);
        if (random.oneIn(2)) {
            insertBytes(bytes, to, other.data() + at, count);
        } else {
            bytes.resize(std::max(size, to + count));
            std::copy_n(other.begin() + std::ptrdiff_t(at), count, bytes.begin() + std::ptrdiff_t(to));
        }
        break;
    }
    case 7: { // the head of this input, the tail of another
        const Bytes &other = pool[random.below(pool.size())];
        const size_t keep = random.below(size + 1);
        const size_t from = random.below(other.size() + 1);
        bytes.resize(keep);
        bytes.insert(bytes.end(), other.begin() + std::ptrdiff_t(from), other.end());
        break;
    }
    case 8: { // an interesting 1, 2, 4 or 8 byte integer, either byte order
        const size_t width = size_t(1) << random.below(4);
        if (size < width)
            break;
        uint64_t value = kInterestingValues[random.below(std::size(kInterestingValues))];
        if (random.oneIn(4))
            value = ~value + 1; // the negative, two's complement
        const size_t at = random.below(size - width + 1);
        const bool bigEndian = random.oneIn(2);
        for (size_t i = 0; i < width; ++i) {
            const size_t shift = 8 * (bigEndian ? width - 1 - i : i);
            bytes[at + i] = uint8_t(value >> shift);
        }
        break;
    }
    case 9: // a small step up or down
        if (size > 0) {
            uint8_t &byte = bytes[random.below(size)];
            byte = uint8_t(byte + random.below(71) - 35);
        }
        break;
    case 10: // a digit, so that numbers in text stay numbers
        if (size > 0)
            bytes[random.below(size)] = uint8_t('0' + random.below(10));
        break;
    case 11: // cut the tail (rarely: shorter inputs are seldom more interesting)
        if (random.oneIn(4))
            bytes.resize(random.below(size + 1));
        break;
    }
}

// --- main -------------------------------------------------------------------

Bytes readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<Bytes> loadCorpus(const std::vector<std::string> &paths)
{
    std::vector<Bytes> corpus;
    for (const std::string &path : paths) {
        if (!fs::is_directory(path)) {
            corpus.push_back(readFile(path));
            continue;
        }
        std::vector<fs::path> files; // sorted: the same mutations on every machine
        for (const auto &entry : fs::directory_iterator(path)) {
            if (entry.is_regular_file())
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const fs::path &file : files)
            corpus.push_back(readFile(file));
    }
    return corpus;
}

bool parseOptions(int argc, char **argv, Options &options)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--iterations" && hasValue)
            options.iterations = std::stol(argv[++i]);
        else if (arg == "--seconds" && hasValue)
            options.seconds = std::stod(argv[++i]);
        else if (arg == "--seed" && hasValue)
            options.seed = std::stoull(argv[++i], nullptr, 0);
        else if (arg == "--max-len" && hasValue)
            options.maxLength = std::stoul(argv[++i]);
        else if (arg == "--timeout" && hasValue)
            options.timeout = unsigned(std::stoul(argv[++i]));
        else if (arg.starts_with("--"))
            return false;
        else
            options.paths.push_back(arg);
    }
    return !options.paths.empty();
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    if (!parseOptions(argc, argv, options)) {
        std::fprintf(stderr,
            "usage: %s [--iterations N] [--seconds S] [--seed N] [--max-len N] [--timeout S] <corpus dir or file>...\n",
            argv[0]);
        return 2;
    }
    const std::string name = fs::path(argv[0]).filename().string();
    crashPath = "crash-" + name;
    installHandlers();

    const std::vector<Bytes> seeds = loadCorpus(options.paths);
    if (seeds.empty()) {
        std::fprintf(stderr, "%s: no inputs in the corpus\n", name.c_str());
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed
        = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    for (const Bytes &seed : seeds)
        run(seed, options);
    // Given single files (a crash to reproduce), run just those.
    const bool onlyFiles = std::none_of(
        options.paths.begin(), options.paths.end(), [](const std::string &path) { return fs::is_directory(path); });
    if (onlyFiles) {
        std::printf("%s: %zu inputs ran clean\n", name.c_str(), seeds.size());
        return 0;
    }

    // Some mutants join the pool, so that mutations stack over iterations.
    constexpr size_t kPoolLimit = 512;
    std::vector<Bytes> pool = seeds;
    Random random(options.seed);
    long iteration = 0;
    for (; iteration < options.iterations && elapsed() < options.seconds; ++iteration) {
        // Half the time a seed itself, so that its structure is not lost in
        // the drift of stacked mutations.
        const Bytes &source = random.oneIn(2) ? seeds[random.below(seeds.size())] : pool[random.below(pool.size())];
        Bytes input = source;
        const size_t rounds = 1 + random.below(4);
        for (size_t i = 0; i < rounds; ++i)
            mutateOnce(input, pool, random);
        if (input.size() > options.maxLength)
            input.resize(options.maxLength);
        run(input, options);
        if (!input.empty() && input != source && random.oneIn(8)) {
            if (pool.size() < kPoolLimit)
                pool.push_back(std::move(input));
            else if (seeds.size() < kPoolLimit)
                pool[seeds.size() + random.below(kPoolLimit - seeds.size())] = std::move(input);
        }
    }
    std::printf("%s: %zu seeds and %ld mutations ran clean in %.1f s (seed %#llx)\n", name.c_str(), seeds.size(),
        iteration, elapsed(), static_cast<unsigned long long>(options.seed));
    return 0;
}
