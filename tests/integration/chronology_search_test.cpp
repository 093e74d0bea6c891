// Searching a chronology over real HTTP (issue 5: redaction holds "in search results" too): the
// words withheld from the reader's agency find nothing, the words they can see find the entry
// with its marker, the export carries the search, and words that cannot be searched are named.
#include "research_pages.h"

namespace mash::it {
namespace {

TEST_F(ResearchPages, AChronologySearchFindsOnlyWhatTheReaderCanSee) {
  const std::string family = "Searchwell";
  const auto [id, health] = answer_with_withheld_passage(family);
  ASSERT_GT(id, 0);
  ASSERT_GT(health, 0);
  const std::string page = "/contacts/" + std::to_string(id) + "/chronology";

  // "A and E" is withheld from children's social care: searching for it finds nothing, and the
  // page holds the words only where the officer typed them.
  auto hidden = io_.get(page + "?words=A%20and%20E");
  ASSERT_TRUE(hidden && hidden->status == 200) << (hidden ? hidden->body : "");
  EXPECT_TRUE(has(hidden->body, "No entry you can see holds those words."));
  EXPECT_FALSE(has(hidden->body, "cut hand"));
  auto occurrences = [](const std::string& text, const std::string& what) {
    int n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  const std::string typed = unescaped(hidden->body);
  EXPECT_EQ(occurrences(typed, "A and E"), occurrences(typed, "value=\"A and E\""))
      << "only in the search box and the export form's copy of the search";

  auto found = io_.get(page + "?words=CUT%20hand");
  ASSERT_TRUE(found && found->status == 200);
  const std::string html = unescaped(found->body);
  EXPECT_TRUE(has(html, "Attended [redacted: third-party information] with a cut hand")) << html;
  EXPECT_TRUE(has(html, "1 entry"));
  EXPECT_FALSE(has(html, "A and E"));
  EXPECT_TRUE(has(html, "name=\"words\" value=\"CUT hand\"")) << "kept for the export";

  auto csv = io_.post_form(
      page + "/export",
      {{io_.csrf_field(), io_.csrf()}, {"words", "cut hand"}, {"purpose", "Strategy discussion"}});
  ASSERT_TRUE(csv && csv->status == 200) << (csv ? csv->body : "");
  EXPECT_TRUE(has(csv->body, "with a cut hand"));
  EXPECT_FALSE(has(csv->body, "Contact,")) << "no contact entry: it does not hold the words";
  EXPECT_FALSE(has(csv->body, "A and E"));

  auto too_long = io_.get(page + "?words=" + std::string(201, 'a'));
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 400);
  EXPECT_TRUE(has(too_long->body, "href=\"#words\""));
}

}  // namespace
}  // namespace mash::it
