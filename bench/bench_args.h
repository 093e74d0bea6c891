// The benchmarks' command lines: `mash_bench_X MODE [--option value]…`.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace mash::bench {

struct Args {
  std::string mode;
  std::map<std::string, std::string> options;
  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
  long number(const std::string& name, long fallback) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : std::stol(it->second);
  }
};

// `usage` is the message for a command line without a mode.
inline Args parse_args(int argc, char** argv, const std::string& usage) {
  Args a;
  if (argc < 2) throw std::invalid_argument(usage);
  a.mode = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string k = argv[i];
    if (k.rfind("--", 0) != 0 || i + 1 >= argc) throw std::invalid_argument("bad argument: " + k);
    a.options[k.substr(2)] = argv[++i];
  }
  return a;
}

}  // namespace mash::bench
