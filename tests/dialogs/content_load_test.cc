// The bundled content loads for every region, and every kind of content mistake is
// refused with an error naming the file and the JSON path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "dialogs/dialog_engine.h"
#include "tests/testing/data_vocabulary.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kDataDir = std::string(KNEEBOT_SOURCE_DIR) + "/dialogs/data";

const test::DataVocabulary& Vocabulary() {
  static const test::DataVocabulary v(std::string(KNEEBOT_SOURCE_DIR) + "/intents/data");
  return v;
}

// A private copy of the bundled content that a test may break.
class ContentCopy {
 public:
  ContentCopy() {
    dir_ = fs::temp_directory_path() /
           ("kneebot-content-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& e : fs::directory_iterator(kDataDir)) fs::copy(e.path(), dir_ / e.path().filename());
  }
  ~ContentCopy() { fs::remove_all(dir_); }

  json Read(const std::string& file) const {
    std::ifstream in(dir_ / file);
    return json::parse(in);
  }
  void Write(const std::string& file, const json& doc) const { WriteRaw(file, doc.dump(1)); }
  void WriteRaw(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file) << text;
  }
  void Edit(const std::string& file, const std::function<void(json&)>& edit) const {
    json doc = Read(file);
    edit(doc);
    Write(file, doc);
  }
  Status Load(const std::string& region = "US") const {
    std::unique_ptr<DialogEngine> engine;
    return DialogEngine::Load({dir_.string(), region}, Vocabulary(), &engine);
  }
  std::string dir() const { return dir_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

TEST(ContentLoadTest, BundledContentLoadsForEveryRegion) {
  for (const char* region : {"US", "UK", "EU", "AU"}) {
    std::unique_ptr<DialogEngine> engine;
    ASSERT_KNEEBOT_OK(DialogEngine::Load({kDataDir, region}, Vocabulary(), &engine));
    EXPECT_FALSE(engine->content_version().empty());
  }
}

TEST(ContentLoadTest, IntroGivesTheRegionsEmergencyNumber) {
  static const struct {
    const char* region;
    const char* number;
  } kCases[] = {{"US", "911"}, {"UK", "999"}, {"EU", "112"}, {"AU", "000"}};
  for (const auto& c : kCases) {
    std::unique_ptr<DialogEngine> engine;
    ASSERT_KNEEBOT_OK(DialogEngine::Load({kDataDir, c.region}, Vocabulary(), &engine));
    Session s;
    Reply r = engine->Greet(&s);
    std::string all;
    for (const auto& m : r.messages) all += m;
    EXPECT_NE(all.find(c.number), std::string::npos) << c.region << ": " << all;
  }
}

TEST(ContentLoadTest, UnknownRegionIsRefused) {
  ContentCopy content;
  Status s = content.Load("XX");
  EXPECT_NE(s.message().find("regions.json:/regions/XX: unknown region 'XX'"), std::string::npos)
      << s.ToString();
}

TEST(ContentLoadTest, EveryMistakeNamesFileAndPath) {
  static const struct {
    const char* name;
    const char* file;
    std::function<void(json&)> edit;
    const char* error;
  } kCases[] = {
      {"unknown slot in a red flag", "red_flags.json",
       [](json& d) { d["red_flags"][0]["when"] = {{"slot", "calff"}, {"is", "yes"}}; },
       "red_flags.json:/red_flags/0/when/slot: unknown slot 'calff'"},
      {"unknown value in a rule", "red_flags.json",
       [](json& d) { d["assessment_rules"][0]["when"] = {{"slot", "location"}, {"is", "middle"}}; },
       "red_flags.json:/assessment_rules/0/when/is: unknown value 'middle'"},
      {"unknown level", "red_flags.json", [](json& d) { d["red_flags"][0]["level"] = "critical"; },
       "red_flags.json:/red_flags/0/level: unknown level 'critical'"},
      {"red flag below urgent", "red_flags.json", [](json& d) { d["red_flags"][0]["level"] = "doctor"; },
       "red_flags.json:/red_flags/0/level: a red flag must be emergency or urgent"},
      {"duplicate rule id", "red_flags.json",
       [](json& d) { d["red_flags"][1]["id"] = d["red_flags"][0]["id"]; },
       "red_flags.json:/red_flags/1/id: duplicate id"},
      {"red flag without a response", "red_flags.json",
       [](json& d) { d["red_flags"][0]["response"] = "rf_nowhere"; },
       "red_flags.json:/red_flags/0/response: missing response 'rf_nowhere'"},
      {"missing reason", "red_flags.json", [](json& d) { d["red_flags"][2].erase("reason"); },
       "red_flags.json:/red_flags/2/reason: missing"},
      {"question with unknown response", "flow.json",
       [](json& d) { d["questions"][0]["ask"] = "ask_nowhere"; },
       "flow.json:/questions/0/ask: missing response 'ask_nowhere'"},
      {"quick reply with unknown value", "flow.json",
       [](json& d) { d["questions"][0]["quick_replies"][0]["payload"] = "/location=middle"; },
       "flow.json:/questions/0/quick_replies/0/payload: unknown value 'middle'"},
      {"quick reply with unknown intent", "flow.json",
       [](json& d) { d["follow_ups"][0]["payload"] = "/ask_nothing"; },
       "flow.json:/follow_ups/0/payload: unknown intent 'ask_nothing'"},
      {"slot asked twice", "flow.json",
       [](json& d) {
         d["questions"][3]["id"] = "another";
         d["questions"][3]["slot"] = d["questions"][2]["slot"];
       },
       "flow.json:/questions/3/slot: slot 'location' is asked twice"},
      {"question id used twice", "flow.json",
       [](json& d) { d["questions"][3]["id"] = "location"; },
       "flow.json:/questions/3/id: question id 'location' is used twice"},
      {"expecting outside the protocol", "flow.json",
       [](json& d) {
         for (json& q : d["questions"]) {
           if (q.value("id", "") == "screen_injury") q["expecting"] = "deformity";
         }
       },
       "/expecting: 'deformity' is not a protocol slot"},
      {"question about a non-protocol slot without expecting", "flow.json",
       [](json& d) {
         for (json& q : d["questions"]) {
           if (q.value("slot", "") == "breathless") q.erase("expecting");
         }
       },
       "/slot: 'breathless' is not a protocol slot"},
      {"checklist item with an unknown slot", "flow.json",
       [](json& d) {
         for (json& q : d["questions"]) {
           if (q.value("id", "") == "screen_injury") q["checklist"][1]["slot"] = "deformty";
         }
       },
       "/checklist/1/value: unknown slot 'deformty'"},
      {"checklist item with an unknown none value", "flow.json",
       [](json& d) {
         for (json& q : d["questions"]) {
           if (q.value("id", "") == "screen_injury") q["checklist"][0]["none"] = "maybe";
         }
       },
       "/checklist/0/none: unknown value 'maybe'"},
      {"checklist of one item", "flow.json",
       [](json& d) {
         for (json& q : d["questions"]) {
           if (q.value("id", "") == "screen_gradual") q["checklist"] = json::array({q["checklist"][0]});
         }
       },
       "/checklist: a checklist needs at least 2 items"},
      {"checklist without its none reply", "flow.json",
       [](json& d) {
         for (json& q : d["questions"]) {
           if (q.value("id", "") == "screen_gradual") q.erase("none_reply");
         }
       },
       "/none_reply/title: missing"},
      {"checklist question without the {list} placeholder", "responses.en.json",
       [](json& d) { d["responses"]["ask_screen_injury"] = {"Do any of these apply?"}; },
       "/ask: response 'ask_screen_injury' needs the {list} placeholder"},
      {"assessment line without the {list} placeholder", "responses.en.json",
       [](json& d) { d["responses"]["assess_causes"] = {"Possible causes:"}; },
       "responses.en.json:/responses/assess_causes: needs the {list} placeholder"},
      {"content file without a version", "knowledge.json",
       [](json& d) { d.erase("content_version"); }, "knowledge.json:/content_version: missing"},
      {"content file of another version", "red_flags.json",
       [](json& d) { d["content_version"] = "1999-01-01.1"; },
       "red_flags.json:/content_version: '1999-01-01.1' differs"},
      {"content file without a review", "flow.json", [](json& d) { d.erase("review"); },
       "flow.json:/review: missing"},
      {"review with an unknown status", "regions.json",
       [](json& d) { d["review"]["status"] = "looks fine"; },
       "regions.json:/review/status: must be \"draft\" or \"approved\""},
      {"review without a date", "responses.en.json",
       [](json& d) { d["review"]["on"] = "last week"; },
       "responses.en.json:/review/on: must be a date YYYY-MM-DD"},
      {"modifier exempting an unknown rule", "red_flags.json",
       [](json& d) {
         for (json& m : d["modifiers"]) {
           if (m.contains("except_rules")) m["except_rules"][0] = "U99";
         }
       },
       "/except_rules/0: unknown rule 'U99'"},
      {"region without a crisis line", "regions.json",
       [](json& d) { d["regions"]["UK"].erase("crisis_line"); },
       "regions.json:/regions/UK/crisis_line: missing"},
      {"wrong schema", "flow.json", [](json& d) { d["schema"] = 2; }, "flow.json:/schema: must be 1"},
      {"evidence weight not a number", "knowledge.json",
       [](json& d) { d["conditions"][0]["evidence"][0]["weight"] = "3"; },
       "knowledge.json:/conditions/0/evidence/0/weight: must be an integer"},
      {"topic missing for a question intent", "knowledge.json",
       [](json& d) { d["topics"].erase("ask_ice"); }, "knowledge.json:/topics/ask_ice: missing"},
      {"topic for an unknown intent", "knowledge.json",
       [](json& d) { d["topics"]["ask_weather"] = "topic_ice"; },
       "knowledge.json:/topics/ask_weather: unknown intent"},
      {"engine response removed", "responses.en.json",
       [](json& d) { d["responses"].erase("intro"); }, "missing response 'intro'"},
      {"unknown placeholder", "responses.en.json",
       [](json& d) { d["responses"]["greet"][0] = "call {ambulance}"; },
       "responses.en.json:/responses/greet/0: unknown placeholder {ambulance}"},
      {"empty bubble list", "responses.en.json", [](json& d) { d["responses"]["greet"] = json::array(); },
       "responses.en.json:/responses/greet: must be a non-empty array"},
      {"empty bubble", "responses.en.json", [](json& d) { d["responses"]["greet"][0] = ""; },
       "responses.en.json:/responses/greet/0: must not be empty"},
      {"region without a number", "regions.json", [](json& d) { d["regions"]["US"].erase("emergency_number"); },
       "regions.json:/regions/US/emergency_number: missing"},
  };
  for (const auto& c : kCases) {
    ContentCopy content;
    content.Edit(c.file, c.edit);
    Status s = content.Load();
    EXPECT_TRUE(s.IsInvalidArgument()) << c.name;
    EXPECT_NE(s.message().find(c.error), std::string::npos) << c.name << " -> " << s.ToString();
  }
}

TEST(ContentLoadTest, BrokenOrMissingFilesAreRefused) {
  {
    ContentCopy content;
    content.WriteRaw("responses.en.json", "{\"schema\": 1, \"responses\": {");
    Status s = content.Load();
    EXPECT_NE(s.message().find("responses.en.json: not valid JSON"), std::string::npos)
        << s.ToString();
  }
  {
    ContentCopy content;
    fs::remove(content.dir() + "/knowledge.json");
    Status s = content.Load();
    EXPECT_NE(s.message().find("knowledge.json: cannot open"), std::string::npos) << s.ToString();
  }
}

}  // namespace
}  // namespace kneebot
