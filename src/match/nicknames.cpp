#include "match/nicknames.h"

#include <algorithm>

#include "match/normalise.h"

namespace mash::match {
namespace {

// The commonest English diminutives, from general knowledge of British usage: each formal name
// with its nicknames, separated by spaces.
struct Diminutives {
  std::string_view formal;
  std::string_view nicknames;
};
constexpr Diminutives kCommonEnglish[] = {
    {"abigail", "abby abbie abi gail"},
    {"albert", "al bert bertie"},
    {"alexander", "alex alec alexa sandy xander"},
    {"alexandra", "alex alexa lexi sandra sandy"},
    {"alfred", "alf alfie fred freddie"},
    {"amelia", "amy millie milly"},
    {"andrew", "andy drew"},
    {"anne", "annie nan nancy"},
    {"anthony", "tony ant"},
    {"barbara", "barbie babs"},
    {"benjamin", "ben benny benji"},
    {"catherine", "cath cathy kate katie kay kitty"},
    {"charles", "charlie chas chuck"},
    {"charlotte", "lottie charlie"},
    {"christina", "chris chrissie tina"},
    {"christine", "chris chrissie tina"},
    {"christopher", "chris kit"},
    {"daniel", "dan danny"},
    {"david", "dave davy davie"},
    {"deborah", "debbie deb debs"},
    {"donald", "don donny"},
    {"dorothy", "dot dotty dolly"},
    {"edward", "ed eddie ted teddy ned"},
    {"eleanor", "ellie nell nora"},
    {"elizabeth", "liz lizzie lizzy beth betty bess bessie betsy eliza libby elsie"},
    {"emily", "em emmy millie"},
    {"frances", "fran frankie fanny"},
    {"francis", "frank frankie"},
    {"frederick", "fred freddie freddy"},
    {"geoffrey", "geoff jeff"},
    {"gerald", "gerry jerry"},
    {"gregory", "greg"},
    {"harold", "harry hal"},
    {"henry", "harry hal hank"},
    {"isabel", "izzy bella"},
    {"isabella", "izzy bella"},
    {"jacob", "jake"},
    {"jacqueline", "jackie jacqui"},
    {"james", "jim jimmy jamie"},
    {"jennifer", "jen jenny"},
    {"jessica", "jess jessie"},
    {"joanne", "jo"},
    {"john", "jack johnny jon"},
    {"jonathan", "jon jonny"},
    {"joseph", "joe joey"},
    {"josephine", "jo josie"},
    {"katherine", "kate katie kath kathy kay kitty"},
    {"kathryn", "kate katie kath kathy"},
    {"kenneth", "ken kenny"},
    {"lawrence", "larry laurie"},
    {"leonard", "len lenny leo"},
    {"margaret", "maggie meg peggy peg madge marge margie greta"},
    {"mary", "molly polly mae"},
    {"matthew", "matt matty"},
    {"michael", "mike mick mickey micky"},
    {"nathan", "nat nate"},
    {"nathaniel", "nat nate"},
    {"nicholas", "nick nicky"},
    {"oliver", "ollie olly"},
    {"patricia", "pat patty trish tricia"},
    {"patrick", "pat paddy"},
    {"peter", "pete"},
    {"philip", "phil pip"},
    {"raymond", "ray"},
    {"rebecca", "becky becca"},
    {"richard", "dick rick ricky rich richie"},
    {"robert", "bob bobby rob robbie bert"},
    {"ronald", "ron ronnie"},
    {"samantha", "sam sammy"},
    {"samuel", "sam sammy"},
    {"sarah", "sally sadie"},
    {"stephen", "steve stevie"},
    {"steven", "steve stevie"},
    {"susan", "sue susie suzy"},
    {"terence", "terry tel"},
    {"theodore", "theo ted teddy"},
    {"thomas", "tom tommy"},
    {"timothy", "tim timmy"},
    {"victoria", "vicky vikki tori"},
    {"william", "bill billy will willie willy liam"},
    {"zachary", "zach zac zak"},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

Error bad_line(size_t line, std::string_view why) {
  return Error::invalid(
      {{"line " + std::to_string(line), std::string(why)}},
      "Line " + std::to_string(line) + " of the nicknames file is not valid: " + std::string(why));
}

void insert_sorted(std::vector<uint32_t>& ids, uint32_t id) {
  auto at = std::lower_bound(ids.begin(), ids.end(), id);
  if (at == ids.end() || *at != id) ids.insert(at, id);
}

bool contains_sorted(const std::vector<uint32_t>& ids, uint32_t id) {
  return std::binary_search(ids.begin(), ids.end(), id);
}

}  // namespace

Result<NicknameTable> NicknameTable::parse_csv(std::string_view csv) {
  NicknameTable table;
  size_t line_number = 0;
  bool first = true;
  while (!csv.empty()) {
    const size_t end = csv.find('\n');
    const std::string_view line = trim(csv.substr(0, end));
    csv = end == std::string_view::npos ? std::string_view{} : csv.substr(end + 1);
    ++line_number;
    if (line.empty()) continue;
    if (first && line == "name1,relationship,name2") {
      first = false;
      continue;
    }
    first = false;
    std::string_view fields[3];
    size_t count = 0;
    for (std::string_view rest = line;; ++count) {
      const size_t comma = rest.find(',');
      if (count < 3) fields[count] = trim(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
    if (count != 2) return bad_line(line_number, "expected three fields: name1,relationship,name2");
    if (fields[1] != "has_nickname")
      return bad_line(line_number, "the relationship must be has_nickname");
    const std::string name = normalise_name(fields[0], NameField::given).full;
    const std::string nickname = normalise_name(fields[2], NameField::given).full;
    if (name.empty() || nickname.empty()) return bad_line(line_number, "a name is empty");
    table.add(name, nickname);
  }
  return table;
}

const NicknameTable& NicknameTable::common_english() {
  static const NicknameTable table = [] {
    NicknameTable t;
    for (const auto& row : kCommonEnglish) {
      std::string_view rest = row.nicknames;
      while (!rest.empty()) {
        const size_t space = rest.find(' ');
        t.add(row.formal, rest.substr(0, space));
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
      }
    }
    return t;
  }();
  return table;
}

uint32_t NicknameTable::intern(std::string_view name) {
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(ids_.size());
  ids_.emplace(std::string(name), id);
  linked_.emplace_back();
  formal_.emplace_back();
  return id;
}

void NicknameTable::add(std::string_view name, std::string_view nickname) {
  if (name.empty() || nickname.empty() || name == nickname) return;
  const uint32_t formal = intern(name);
  const uint32_t nick = intern(nickname);
  insert_sorted(linked_[formal], nick);
  insert_sorted(linked_[nick], formal);
  insert_sorted(formal_[nick], formal);
}

int64_t NicknameTable::find(std::string_view name) const {
  auto it = ids_.find(name);
  if (it == ids_.end() &&
      std::any_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    std::string lower(name);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    it = ids_.find(std::string_view(lower));
  }
  return it == ids_.end() ? -1 : static_cast<int64_t>(it->second);
}

bool NicknameTable::are_nicknames(std::string_view a, std::string_view b) const {
  const int64_t x = find(a), y = find(b);
  if (x < 0 || y < 0 || x == y) return false;
  return contains_sorted(linked_[static_cast<size_t>(x)], static_cast<uint32_t>(y));
}

bool NicknameTable::share_formal_name(std::string_view a, std::string_view b) const {
  const int64_t x = find(a), y = find(b);
  if (x < 0 || y < 0 || x == y) return false;
  const auto& fx = formal_[static_cast<size_t>(x)];
  const auto& fy = formal_[static_cast<size_t>(y)];
  for (size_t i = 0, j = 0; i < fx.size() && j < fy.size();) {
    if (fx[i] == fy[j]) return true;
    if (fx[i] < fy[j])
      ++i;
    else
      ++j;
  }
  return false;
}

}  // namespace mash::match
