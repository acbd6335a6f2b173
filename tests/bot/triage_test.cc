#include "bot/triage.h"

#include <gtest/gtest.h>

namespace kneebot {
namespace {

TEST(TriageTest, NamesRoundTripAndOrderByUrgency) {
  for (TriageLevel l : {TriageLevel::kSelfCare, TriageLevel::kDoctor, TriageLevel::kUrgent,
                        TriageLevel::kEmergency}) {
    EXPECT_EQ(ParseTriage(TriageName(l)), l);
  }
  EXPECT_FALSE(ParseTriage("none").has_value());
  EXPECT_FALSE(ParseTriage("Emergency").has_value());
  EXPECT_LT(TriageLevel::kSelfCare, TriageLevel::kDoctor);
  EXPECT_LT(TriageLevel::kDoctor, TriageLevel::kUrgent);
  EXPECT_LT(TriageLevel::kUrgent, TriageLevel::kEmergency);
  EXPECT_EQ(MaxTriage(TriageLevel::kEmergency, TriageLevel::kDoctor), TriageLevel::kEmergency);
}

}  // namespace
}  // namespace kneebot
