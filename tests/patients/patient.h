// Patient: one simulated patient of tests/patients/data (see tests/patients/README.md).
//
//   std::vector<Patient> book;
//   Status s = LoadPatients(KNEEBOT_PATIENTS_DIR, &book);  // train/ and heldout/ batch_*.json
//
// A fact sheet written from the clinical brief by someone who never saw the bot's
// patterns: the opening message (several phrasings), one fact per slot with several
// phrasings each, the gold triage level, the levels still acceptable and the expected
// possible causes.
#ifndef KNEEBOT_TESTS_PATIENTS_PATIENT_H_
#define KNEEBOT_TESTS_PATIENTS_PATIENT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/activity.h"
#include "bot/status.h"
#include "bot/triage.h"

namespace kneebot::test {

struct Fact {
  nlohmann::json value;              // the true value, in slots.json's vocabulary
  std::vector<std::string> say;      // phrasings of the answer when asked about it
  std::vector<std::string> also;     // other facts every phrasing states too
};

struct Patient {
  std::string id;
  std::string file;           // batch file it came from
  bool heldout = false;       // no pattern may be written from a held-out patient
  std::string situation;
  std::string rule;           // the clinical brief's rule that sets the level
  Scope scope = Scope::kKnee;
  TriageLevel gold = TriageLevel::kNone;  // kNone: no level expected
  std::vector<TriageLevel> acceptable;    // kNone allowed when listed as null
  std::vector<std::string> expected_conditions;
  std::vector<std::string> opening;       // phrasings of the first message
  std::vector<std::string> opening_states;
  std::map<std::string, Fact> facts;
};

// Reads every batch_*.json in `dir`/train and `dir`/heldout (sorted), checking the format
// and that each patient's split matches its folder; an error names the file and the JSON
// path. Held-out patients live in their own folder so that nobody tuning patterns opens
// them by accident.
Status LoadPatients(const std::string& dir, std::vector<Patient>* out);

// Parses one batch document (for the loader's own tests).
Status ParsePatients(const std::string& file, const nlohmann::json& doc,
                     std::vector<Patient>* out);

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_PATIENTS_PATIENT_H_
