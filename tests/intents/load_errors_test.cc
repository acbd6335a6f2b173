// Broken data files are refused at load with the file and the JSON pointer of the
// problem. Each case copies intents/data to a temporary directory and breaks one thing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>

#include "tests/intents/understander_fixture.h"
#include "tests/testing/status_matchers.h"

namespace kneebot::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A private copy of intents/data, removed at the end of the test.
class DataCopy {
 public:
  DataCopy() {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("kneebot_intents_" + std::to_string(rd()));
    fs::create_directories(dir_);
    for (const auto& f : fs::directory_iterator(IntentsDataDir())) {
      fs::copy_file(f.path(), dir_ / f.path().filename());
    }
  }
  ~DataCopy() { fs::remove_all(dir_); }

  std::string dir() const { return dir_.string(); }
  json Read(const std::string& name) const {
    std::ifstream in(dir_ / name);
    return json::parse(in);
  }
  void Write(const std::string& name, const json& doc) const { WriteText(name, doc.dump(1)); }
  void WriteText(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::trunc) << text;
  }
  void Edit(const std::string& name, const std::function<void(json&)>& edit) const {
    json doc = Read(name);
    edit(doc);
    Write(name, doc);
  }

 private:
  fs::path dir_;
};

Status LoadFrom(const DataCopy& data) {
  std::unique_ptr<Understander> u;
  Status s = Understander::Load(data.dir(), &u);
  EXPECT_EQ(s.ok(), u != nullptr) << "a failed load must not produce an Understander";
  return s;
}

TEST(LoadTest, TheRealDataLoads) {
  DataCopy data;
  EXPECT_KNEEBOT_OK(LoadFrom(data));
}

struct BadData {
  const char* what;
  const char* file;
  std::function<void(json&)> edit;
  const char* error;  // the message must start with this
};

void PrintTo(const BadData& b, std::ostream* os) { *os << b.what; }

class LoadErrorTest : public testing::TestWithParam<BadData> {};

TEST_P(LoadErrorTest, NamesFileAndPointer) {
  const BadData& b = GetParam();
  DataCopy data;
  data.Edit(b.file, b.edit);
  Status s = LoadFrom(data);
  ASSERT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_EQ(s.message().rfind(b.error, 0), 0u)
      << "want prefix: " << b.error << "\n got: " << s.message();
}

const BadData kBadData[] = {
    {"bad regex", "intents.json", [](json& d) { d["intents"][0]["patterns"] = {"(unclosed"}; },
     "intents.json:/intents/0/patterns/0: missing )"},
    {"bad regex later on", "intents.json",
     [](json& d) { d["intents"][4]["patterns"].push_back("a{2,1}"); },
     "intents.json:/intents/4/patterns/"},
    {"missing id", "intents.json", [](json& d) { d["intents"][3].erase("id"); },
     "intents.json:/intents/3/id: missing"},
    {"empty id", "intents.json", [](json& d) { d["intents"][3]["id"] = ""; },
     "intents.json:/intents/3/id: must not be empty"},
    {"patterns not an array", "intents.json", [](json& d) { d["intents"][2]["patterns"] = "hi"; },
     "intents.json:/intents/2/patterns: must be an array of strings"},
    {"keyword not a string", "intents.json", [](json& d) { d["intents"][1]["keywords"] = {5}; },
     "intents.json:/intents/1/keywords/0: must be a string"},
    {"unknown key", "intents.json", [](json& d) { d["intents"][0]["keyword"] = json::array(); },
     "intents.json:/intents/0/keyword: unknown key"},
    {"unknown top-level key", "intents.json", [](json& d) { d["intent"] = json::array(); },
     "intents.json:/intent: unknown key"},
    {"intent not an object", "intents.json", [](json& d) { d["intents"][5] = "greet"; },
     "intents.json:/intents/5: must be an object"},
    {"duplicate id", "intents.json", [](json& d) { d["intents"][1]["id"] = "greet"; },
     "intents.json:/intents/1/id: duplicate intent 'greet'"},
    {"keyword of two intents", "intents.json",
     [](json& d) { d["intents"][30]["keywords"] = {"hello"}; },
     "intents.json:/intents/30/keywords/0: 'hello' is already a keyword of 'greet'"},
    {"wrong schema", "intents.json", [](json& d) { d["schema"] = 2; },
     "intents.json:/schema: must be 1"},
    {"an intent the matcher needs", "intents.json",
     [](json& d) {
       for (auto& i : d["intents"]) {
         if (i["id"] == "report_knee_pain") i["id"] = "report_pain";
       }
     },
     "intents.json:/intents: missing intent 'report_knee_pain'"},
    {"unknown slot type", "slots.json", [](json& d) { d["slots"]["side"]["type"] = "set"; },
     "slots.json:/slots/side/type: must be"},
    {"affirm value not in the list", "slots.json",
     [](json& d) { d["slots"]["injury"]["affirm"] = "yep"; },
     "slots.json:/slots/injury/affirm: unknown value 'yep' for slot 'injury'"},
    {"unknown slot key", "slots.json",
     [](json& d) { d["slots"]["side"]["valeus"] = json::array(); },
     "slots.json:/slots/side/valeus: unknown key"},
    {"quantity slot made an enum", "slots.json",
     [](json& d) {
       d["slots"]["duration"] = {{"type", "enum"}, {"values", {"short", "long"}}};
     },
     "slots.json:/slots/duration: must be an int slot"},
    {"unknown slot in the lexicon", "lexicon.json",
     [](json& d) {
       d["slots"]["elbow"] = {{"values", json::object()}};
     },
     "lexicon.json:/slots/elbow: unknown slot 'elbow'"},
    {"slot name with a slash", "lexicon.json",
     [](json& d) {
       d["slots"]["a/b"] = {{"values", json::object()}};
     },
     "lexicon.json:/slots/a~1b: unknown slot 'a/b'"},
    {"unknown value in the lexicon", "lexicon.json",
     [](json& d) { d["slots"]["location"]["values"]["middle"] = {"middle"}; },
     "lexicon.json:/slots/location/values/middle: unknown value 'middle' for slot 'location'"},
    {"bad regex in the lexicon", "lexicon.json",
     [](json& d) { d["slots"]["swelling"]["values"]["yes"][0] = "swoll(en"; },
     "lexicon.json:/slots/swelling/values/yes/0: missing )"},
    {"negation window wrong type", "lexicon.json", [](json& d) { d["negation"]["window"] = "six"; },
     "lexicon.json:/negation/window: must be an integer"},
    {"phrase listed twice", "lexicon.json",
     [](json& d) { d["negation"]["terminators"].push_back("no"); },
     "lexicon.json:/negation/terminators/"},
    {"suppress rule with an unknown slot", "lexicon.json",
     [](json& d) { d["suppress"][0]["drop"] = "cant_straightn"; },
     "lexicon.json:/suppress/0/drop: unknown slot 'cant_straightn'"},
    {"negated value of another slot", "lexicon.json",
     [](json& d) { d["slots"]["mechanism"]["negated"]["fall"] = "injury=maybe"; },
     "lexicon.json:/slots/mechanism/negated/fall: unknown value 'maybe' for slot 'injury'"},
    {"leg finding that is not a slot", "lexicon.json",
     [](json& d) { d["leg_findings"].push_back("calff"); }, "lexicon.json:/leg_findings/"},
    {"int slot in the lexicon", "lexicon.json",
     [](json& d) {
       d["slots"]["age"] = {{"values", json::object()}};
     },
     "lexicon.json:/slots/age: 'age' is an int slot"},
    {"severity score out of range", "lexicon.json",
     [](json& d) { d["severity_words"]["asked"]["11"] = {"off the scale"}; },
     "lexicon.json:/severity_words/asked/11: '11' is not a severity score"},
    {"bad regex in severity words", "lexicon.json",
     [](json& d) { d["severity_words"]["said"]["7"][0] = "(pain"; },
     "lexicon.json:/severity_words/said/7/0: missing )"},
    {"foreign word listed twice", "lexicon.json",
     [](json& d) { d["languages"]["words"].push_back("rodilla"); },
     "lexicon.json:/languages/words/"},
    {"complaint finding that is not a slot", "lexicon.json",
     [](json& d) { d["complaints"]["finding_slots"].push_back("elbow"); },
     "lexicon.json:/complaints/finding_slots/"},
    {"complaint finding that is a number", "lexicon.json",
     [](json& d) { d["complaints"]["finding_slots"].push_back("age"); },
     "lexicon.json:/complaints/finding_slots/"},
    {"post-trigger window out of range", "lexicon.json",
     [](json& d) { d["negation"]["post_window"] = 0; },
     "lexicon.json:/negation/post_window: must be an integer from 1 to 20"},
    {"ellipsis rule with a bad regex", "lexicon.json",
     [](json& d) { d["ellipsis"]["rules"][0]["find"] = "(is|are not"; },
     "lexicon.json:/ellipsis/rules/0/find: missing )"},
    {"ellipsis rewrite naming a group the regex lacks", "lexicon.json",
     [](json& d) { d["ellipsis"]["rules"][0]["replace"] = "\\1 \\9"; },
     "lexicon.json:/ellipsis/rules/0/replace: "},
    {"ellipsis rule without a rewrite", "lexicon.json",
     [](json& d) { d["ellipsis"]["rules"][0].erase("replace"); },
     "lexicon.json:/ellipsis/rules/0/replace: missing"},
    {"ellipsis rules not a list", "lexicon.json",
     [](json& d) { d["ellipsis"]["rules"] = "none"; },
     "lexicon.json:/ellipsis/rules: must be an array"},
    {"canceller with no words", "lexicon.json",
     [](json& d) { d["negation"]["cancels"].push_back(" , "); }, "lexicon.json:/negation/cancels/"},
};
INSTANTIATE_TEST_SUITE_P(All, LoadErrorTest, testing::ValuesIn(kBadData));

TEST(LoadTest, NotJson) {
  for (const char* file : {"intents.json", "slots.json", "lexicon.json"}) {
    DataCopy data;
    data.WriteText(file, "{\"schema\": 1, \"intents\": [");
    Status s = LoadFrom(data);
    ASSERT_TRUE(s.IsInvalidArgument()) << s.ToString();
    EXPECT_EQ(s.message().rfind(std::string(file) + ": not valid JSON", 0), 0u) << s.message();
  }
}

TEST(LoadTest, MissingFile) {
  DataCopy data;
  fs::remove(fs::path(data.dir()) / "lexicon.json");
  Status s = LoadFrom(data);
  ASSERT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_EQ(s.message().rfind("lexicon.json: cannot open", 0), 0u) << s.message();
}

TEST(LoadTest, MissingDirectory) {
  std::unique_ptr<Understander> u;
  Status s = Understander::Load("/nonexistent/kneebot/intents", &u);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(u, nullptr);
}

}  // namespace
}  // namespace kneebot::test
