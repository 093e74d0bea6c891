#include "store/dash.h"

#include <soci/soci.h>

#include "store/prepared.h"

namespace mash::store {

void insert_dash(Tx& tx, DashRow& r) {
  Prepared& insert = tx.prepared(
      "INSERT INTO dash_assessments (contact_id, subject_id, judgement, judgement_reason, "
      "incidents, previous_marac, score, answered, high_risk_score, level, marac_referral, "
      "marac_routes, assessed_by, assessed_at, assessed_epoch) VALUES (:c, :s, :j, :jr, :i, :p, "
      ":sc, :an, :h, :l, :m, :mr, :by, :at, :ae) RETURNING id",
      "nnttntnnntntttn", "n");
  insert.number(0, r.contact_id);
  insert.number(1, r.subject_id);
  insert.text(2, r.judgement);
  insert.text(3, r.judgement_reason);
  insert.number(4, r.incidents);
  insert.text(5, r.previous_marac);
  insert.number(6, r.score);
  insert.number(7, r.answered);
  insert.number(8, r.high_risk_score);
  insert.text(9, r.level);
  insert.number(10, r.marac_referral ? 1 : 0);
  insert.text(11, r.marac_routes);
  insert.text(12, r.assessed_by);
  insert.text(13, r.assessed_at);
  insert.number(14, r.assessed_epoch);
  insert.run();
  r.id = insert.number_out(0);

  Prepared& answer = tx.prepared(
      "INSERT INTO dash_answers (assessment_id, question, answer) VALUES (:a, :q, :v)", "nnt");
  for (int q = 1; q <= kDashQuestions; ++q) {
    answer.number(0, r.id);
    answer.number(1, q);
    answer.text(2, r.answers[static_cast<size_t>(q - 1)]);
    answer.run();
  }
}

std::vector<DashRow> dash_of(Tx& tx, int64_t contact_id) {
  long long wanted = contact_id;
  std::vector<DashRow> out;
  {
    long long id = 0, contact = 0, subject = 0, incidents = 0, score = 0, answered = 0, high = 0,
              marac = 0, epoch = 0;
    DashRow r;
    soci::statement st(tx.sql());
    st.exchange(soci::use(wanted, "c"));
    st.exchange(soci::into(id));
    st.exchange(soci::into(contact));
    st.exchange(soci::into(subject));
    st.exchange(soci::into(r.judgement));
    st.exchange(soci::into(r.judgement_reason));
    st.exchange(soci::into(incidents));
    st.exchange(soci::into(r.previous_marac));
    st.exchange(soci::into(score));
    st.exchange(soci::into(answered));
    st.exchange(soci::into(high));
    st.exchange(soci::into(r.level));
    st.exchange(soci::into(marac));
    st.exchange(soci::into(r.marac_routes));
    st.exchange(soci::into(r.assessed_by));
    st.exchange(soci::into(r.assessed_at));
    st.exchange(soci::into(epoch));
    st.alloc();
    st.prepare(
        "SELECT id, contact_id, subject_id, judgement, judgement_reason, incidents, "
        "previous_marac, score, answered, high_risk_score, level, marac_referral, marac_routes, "
        "assessed_by, assessed_at, assessed_epoch FROM dash_assessments WHERE contact_id = :c "
        "ORDER BY id");
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      r.id = id;
      r.contact_id = contact;
      r.subject_id = subject;
      r.incidents = incidents;
      r.score = score;
      r.answered = answered;
      r.high_risk_score = high;
      r.marac_referral = marac != 0;
      r.assessed_epoch = epoch;
      out.push_back(r);
    }
  }
  if (out.empty()) return out;

  long long assessment = 0, question = 0;
  std::string answer;
  soci::statement st(tx.sql());
  st.exchange(soci::use(wanted, "c"));
  st.exchange(soci::into(assessment));
  st.exchange(soci::into(question));
  st.exchange(soci::into(answer));
  st.alloc();
  st.prepare(
      "SELECT a.assessment_id, a.question, a.answer FROM dash_answers a JOIN dash_assessments d "
      "ON d.id = a.assessment_id WHERE d.contact_id = :c ORDER BY a.assessment_id, a.question");
  st.define_and_bind();
  st.execute();
  size_t at = 0;
  while (st.fetch()) {
    while (at < out.size() && out[at].id < assessment) ++at;
    if (at == out.size()) break;
    if (out[at].id == assessment && question >= 1 && question <= kDashQuestions)
      out[at].answers[static_cast<size_t>(question - 1)] = answer;
  }
  return out;
}

}  // namespace mash::store
