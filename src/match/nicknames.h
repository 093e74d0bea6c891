// Nicknames and diminutives: "Bob" and "Robert" are one given name written two ways.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/result.h"

namespace mash::match {

// A symmetric table of given names and their nicknames. Immutable once built, so one table may
// be read from any number of threads at once. Names are looked up in their normalised form
// (normalise_name(…, NameField::given).full); upper case is folded, so "Bob" finds "bob".
class NicknameTable {
 public:
  NicknameTable() = default;  // empty: nothing is a nickname of anything

  // Parses the nicknames data set's CSV (../shared/datasets/nicknames/names.csv): a header
  // "name1,relationship,name2", then one row per pair such as "robert,has_nickname,bob". Names
  // are normalised as given names; blank lines are skipped; CRLF line ends are accepted. Fails
  // with Error::Kind::invalid naming the first bad line (wrong number of fields, an empty name,
  // or a relationship other than has_nickname).
  static Result<NicknameTable> parse_csv(std::string_view csv);

  // A small built-in table of the commonest English diminutives (Bob, Bill, Peggy, Liz, Jim,
  // Kate, …), for when no data set is loaded. Built once, on first use; thread-safe.
  static const NicknameTable& common_english();

  // Records that `nickname` is a nickname of `name` (both normalised, as above).
  void add(std::string_view name, std::string_view nickname);

  // True when one name is listed as a nickname of the other, in either direction:
  // Bob and Robert, Robert and Bob. False for identical names (exact agreement is a stronger
  // comparison level, which the caller tests first) and for names not in the table.
  bool are_nicknames(std::string_view a, std::string_view b) const;

  // True when both are listed as nicknames of one formal name: Bob and Rob (Robert), Peggy and
  // Maggie (Margaret). Weaker evidence than are_nicknames(): some nicknames serve several names.
  bool share_formal_name(std::string_view a, std::string_view b) const;

  // How many distinct names the table holds.
  size_t size() const { return ids_.size(); }

 private:
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  uint32_t intern(std::string_view name);
  // The id of a name, or -1 when it is not in the table.
  int64_t find(std::string_view name) const;

  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> ids_;
  std::vector<std::vector<uint32_t>> linked_;  // per id, sorted: names it is a nickname of or for
  std::vector<std::vector<uint32_t>> formal_;  // per id, sorted: the names it is a nickname of
};

}  // namespace mash::match
