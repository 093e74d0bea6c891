// A chronology exported as CSV over real HTTP (issue 5): the information officer says what the
// export is for and downloads the household's entries; a passage the health practitioner
// withheld from children's social care is its marker in the file too, never its words; the
// export is a disclosure with its purpose on the contact's disclosures page; without a purpose
// nothing is exported or recorded.
#include "research_pages.h"

namespace mash::it {
namespace {

std::string export_of(int64_t id) {
  return "/contacts/" + std::to_string(id) + "/chronology/export";
}

TEST_F(ResearchPages, AChronologyIsExportedWithItsPurposeAndWithheldWordsStayWithheld) {
  const std::string family = "Exportwell";
  const auto [id, health] = answer_with_withheld_passage(family);
  ASSERT_GT(id, 0);
  ASSERT_GT(health, 0);

  const std::string page = "/contacts/" + std::to_string(id) + "/chronology";
  auto shown = io_.get(page);
  ASSERT_TRUE(shown && shown->status == 200);
  EXPECT_TRUE(has(shown->body, "action=\"" + export_of(id) + "\""));
  const int64_t disclosed = count_rows("disclosures WHERE kind = 'export'");

  // No purpose: the page again, saying what is missing, and nothing exported or recorded.
  auto bare = io_.post_form(export_of(id), {{io_.csrf_field(), io_.csrf()}, {"purpose", " "}});
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 422);
  EXPECT_TRUE(has(bare->body, "<a href=\"#purpose\">Say what the export is for</a>"));
  EXPECT_EQ(bare->get_header_value("Content-Disposition"), "");
  EXPECT_EQ(count_rows("disclosures WHERE kind = 'export'"), disclosed);
  // Without the page's token: refused, nothing exported.
  auto forged = io_.post_form(export_of(id), {{"purpose", "Strategy discussion"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 400);

  auto csv = io_.post_form(export_of(id), {{io_.csrf_field(), io_.csrf()},
                                           {"purpose", "Strategy discussion on Tuesday"}});
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->get_header_value("Content-Disposition").rfind("attachment; filename=\"", 0), 0u);
  EXPECT_EQ(csv->get_header_value("Cache-Control"), "no-store");
  const std::string& file = csv->body;
  EXPECT_EQ(file.rfind("\xEF\xBB\xBF"
                       "Date,Type,Agency,Source,Entry,Contact\r\n",
                       0),
            0u)
      << file.substr(0, 80);
  EXPECT_TRUE(has(file, "Attended [redacted: third-party information] with a cut hand")) << file;
  EXPECT_FALSE(has(file, "A and E"));
  EXPECT_TRUE(has(file, "Contact received from"));
  EXPECT_TRUE(has(file, "SystmOne (request " + std::to_string(health) + ")"));
  EXPECT_EQ(count_rows("disclosures WHERE kind = 'export'"), disclosed + 1);

  // Filtered as the page was: only health's entries.
  auto filtered = io_.post_form(
      export_of(id),
      {{io_.csrf_field(), io_.csrf()}, {"agency", "health"}, {"purpose", "Case file"}});
  ASSERT_TRUE(filtered && filtered->status == 200);
  EXPECT_FALSE(has(filtered->body, "Contact received from"));
  EXPECT_TRUE(has(filtered->body, "with a cut hand"));

  // On the disclosures page, with its purpose; and in the contact's access history.
  auto disclosures = dm_.get("/contacts/" + std::to_string(id) + "/disclosures");
  ASSERT_TRUE(disclosures && disclosures->status == 200);
  EXPECT_TRUE(
      has(disclosures->body, "Answer to " + reference_of(health) + " exported in a chronology"));
  EXPECT_TRUE(has(disclosures->body, "Strategy discussion on Tuesday"));
  auto history = dm_.get("/contacts/" + std::to_string(id));
  ASSERT_TRUE(history && history->status == 200);
  EXPECT_TRUE(has(history->body, "Exported the chronology"));

  // The agency asked reads its own requests, not the hub's chronology: no export either.
  auto theirs = nurse_.post_form(
      export_of(id), {{nurse_.csrf_field(), nurse_.csrf()}, {"purpose", "Our records"}});
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->status, 403);
}

}  // namespace
}  // namespace mash::it
