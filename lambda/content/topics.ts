/**
 * Everything the skill says about leg cramps, topic by topic. Written in our own words from
 * `lambda/content/source/leg-cramps-article.txt`; every passage names the article section(s) that say it
 * (tests/lambda/content/content.test.ts checks each passage's words against the sections it cites).
 * Plain text only: handlers add SSML and the follow-up question.
 */
import { CAUSE_IDS, type CauseId, type Topic, type TopicId } from './types';

/** The order in which causes are listed to the listener (article order). */
export const CAUSE_TOPIC_IDS: readonly CauseId[] = CAUSE_IDS;

/**
 * Our own safety wording, said right after any pain reliever the article names. Not a claim from the
 * article (the content test exempts exactly this sentence).
 */
export const MEDICINE_CHECK = 'Check with a pharmacist or healthcare provider first if you are not sure it suits you.';

/**
 * `related` is what the skill offers when a topic's deeper parts run out. Together they form one tour: the
 * causes overview, then every cause (health conditions last), when to see a provider, prevention and
 * treatment, and back to the causes. A cycle of 15 topics, so a run of yeses never meets a topic again within
 * 5 steps. Nothing offers the relief routine: it starts only when the listener asks for relief or says they
 * have a cramp. tests/lambda/dialog-graph.test.ts walks every chain.
 */
export const TOPICS: Readonly<Record<TopicId, Topic>> = {
  WHAT_ARE_THEY: {
    id: 'WHAT_ARE_THEY',
    title: 'what night-time leg cramps are',
    summary: {
      text:
        'A night-time leg cramp is a sudden tightening of a leg muscle that you cannot control. ' +
        'It most often affects the calf, but thighs and feet can cramp too, and the pain can wake you.',
      sections: ['Introduction'],
    },
    deeper: [
      {
        text:
          'The exact cause is often hard to pinpoint, but many factors can contribute, ' +
          'from dehydration and electrolyte imbalance to health conditions and lifestyle.',
        sections: ['Introduction', 'Finishing Thoughts'],
      },
      {
        text:
          'They are a common issue that can interrupt your sleep and impact your well-being. ' +
          'Staying hydrated, a balanced diet, and regular exercise can greatly reduce how often they happen.',
        sections: ['Finishing Thoughts'],
      },
    ],
    related: 'CAUSES',
  },

  CAUSES: {
    id: 'CAUSES',
    title: 'the causes of leg cramps',
    summary: {
      text:
        'The exact cause can be hard to pinpoint. Dehydration is a leading one. Others include exercise, or too little of it, ' +
        'poor blood flow, low minerals, medicines, health conditions, pregnancy, shoes, sleep position, and age.',
      sections: [
        'Introduction',
        'Dehydration and Electrolyte Imbalance',
        'Physical Activity and Exercise',
        'Lack of Physical Activity',
        'Inadequate Blood Flow',
        'Mineral Deficiency',
        'Medications',
        'Medical Conditions',
        'Pregnancy',
        'Improper Footwear',
        'Sleep Position',
        'Age Factor',
      ],
    },
    deeper: [
      {
        text:
          'Being short of fluids can affect your balance of potassium, calcium, and magnesium, ' +
          'and low levels of those minerals can bring on cramps as well.',
        sections: ['Dehydration and Electrolyte Imbalance', 'Mineral Deficiency'],
      },
      {
        text:
          'An intense workout can leave muscles fatigued, while too little activity might leave them weaker, and long inactivity can make them tighter. ' +
          'Restricted blood flow, unsupportive shoes, and sleeping with your toes pointing downward can add to it.',
        sections: [
          'Physical Activity and Exercise',
          'Lack of Physical Activity',
          'Inadequate Blood Flow',
          'Improper Footwear',
          'Sleep Position',
        ],
      },
      {
        text:
          'Medical conditions such as diabetes, some medications such as water pills, pregnancy, ' +
          'and age can all make cramps more likely too.',
        sections: ['Medical Conditions', 'Medications', 'Pregnancy', 'Age Factor'],
      },
    ],
    related: 'DEHYDRATION',
  },

  PREVENTION: {
    id: 'PREVENTION',
    title: 'preventing leg cramps',
    summary: {
      text:
        'Stretch your leg muscles before bedtime, stay well hydrated, keep to a balanced diet rich in minerals, ' +
        'and make physical activity part of your daily routine. These steps can greatly reduce how often cramps happen.',
      sections: ['Prevention and Treatment', 'Finishing Thoughts'],
    },
    deeper: [
      {
        text:
          'For your minerals, a diet with leafy greens, nuts, dairy products, and bananas helps keep your levels up, ' +
          'and may reduce the risk of cramps.',
        sections: ['Mineral Deficiency'],
      },
      {
        text:
          'When you sleep, try a neutral position with your feet slightly raised, ' +
          'instead of sleeping with your toes pointing downward.',
        sections: ['Sleep Position'],
      },
      {
        text:
          'Wear comfortable, well-fitted shoes with good arch support, since high heels can strain the calf muscles. ' +
          'Consistent, moderate exercise, with stretching before and after, helps too.',
        sections: ['Improper Footwear', 'Physical Activity and Exercise'],
      },
    ],
    related: 'TREATMENT',
  },

  TREATMENT: {
    id: 'TREATMENT',
    title: 'treating leg cramps',
    summary: {
      text: `Heat pads or cold packs can bring immediate relief. Ibuprofen, an over-the-counter pain reliever, may also ease the pain. ${MEDICINE_CHECK}`,
      sections: ['Prevention and Treatment'],
    },
    deeper: [
      {
        text: 'Put the heat pad or the cold pack on the cramping area itself. Either one can bring relief, so use whichever you have.',
        sections: ['Prevention and Treatment'],
      },
      {
        text:
          'If you still get frequent cramps despite these measures, it is essential to see a healthcare provider, ' +
          'who can evaluate them further.',
        sections: ['Prevention and Treatment'],
      },
    ],
    related: 'CAUSES',
  },

  SEE_A_DOCTOR: {
    id: 'SEE_A_DOCTOR',
    title: 'when to see a healthcare provider',
    summary: {
      text:
        'If you get frequent cramps, or they persist despite stretching, staying hydrated, and a balanced diet, ' +
        'it is essential to see a healthcare provider, who can address any underlying health issues.',
      sections: ['Prevention and Treatment', 'Finishing Thoughts'],
    },
    deeper: [
      {
        text:
          'Cramps can be associated with medical conditions such as diabetes, Parkinson\u2019s disease, kidney failure, ' +
          'and thyroid problems. If yours are frequent, it is crucial to have a healthcare provider look into them.',
        sections: ['Medical Conditions'],
      },
      {
        text:
          'If you suspect a medicine is causing your cramps, ask your healthcare provider about possible alternatives.',
        sections: ['Medications'],
      },
    ],
    related: 'PREVENTION',
  },

  RELIEF_ROUTINE: {
    id: 'RELIEF_ROUTINE',
    title: 'the quick relief routine',
    summary: {
      text:
        'It is a routine for a cramp happening now: stretch the cramping muscle, use a heat pad or cold pack if you have one, ' +
        'keep your feet slightly raised, and drink some water.',
      sections: ['Dehydration and Electrolyte Imbalance', 'Sleep Position', 'Prevention and Treatment'],
    },
    deeper: [
      {
        text: 'A heat pad or a cold pack on the cramping area can bring immediate relief. Use whichever one you have.',
        sections: ['Prevention and Treatment'],
      },
      {
        text:
          'To help prevent more cramps, stretch your leg muscles before bedtime, and stay well hydrated.',
        sections: ['Prevention and Treatment'],
      },
    ],
    related: 'TREATMENT',
  },

  DEHYDRATION: {
    id: 'DEHYDRATION',
    title: 'dehydration and electrolytes',
    summary: {
      text:
        'Dehydration is one of the leading causes. Being short of fluids can affect the balance of electrolytes ' +
        'such as potassium, calcium, and magnesium, which muscles need, and that can trigger cramps.',
      sections: ['Dehydration and Electrolyte Imbalance'],
    },
    deeper: [
      {
        text:
          'An electrolyte imbalance can make muscles contract on their own, and that is a cramp. ' +
          'It is essential to drink enough water through the day, which helps keep your electrolytes balanced.',
        sections: ['Dehydration and Electrolyte Imbalance'],
      },
    ],
    related: 'MINERAL_DEFICIENCY',
  },

  MINERAL_DEFICIENCY: {
    id: 'MINERAL_DEFICIENCY',
    title: 'low minerals',
    summary: {
      text:
        'Your muscles need potassium, magnesium, and calcium to contract and relax. ' +
        'When these minerals are low, a muscle may tighten by itself and cramp.',
      sections: ['Mineral Deficiency'],
    },
    deeper: [
      {
        text:
          'A balanced diet with leafy greens, nuts, dairy products, and bananas helps keep your mineral levels up, ' +
          'and may reduce your risk of cramps.',
        sections: ['Mineral Deficiency'],
      },
    ],
    related: 'EXERCISE',
  },

  EXERCISE: {
    id: 'EXERCISE',
    title: 'exercise and tired muscles',
    summary: {
      text:
        'Long, hard use of your leg muscles, like an intense workout or a long walk or run, ' +
        'can leave them fatigued and prone to cramping.',
      sections: ['Physical Activity and Exercise'],
    },
    deeper: [
      {
        text:
          'Not stretching before and after exercise can also leave muscles tight. ' +
          'Consistent, moderate exercise with good stretching helps minimize night cramps.',
        sections: ['Physical Activity and Exercise'],
      },
    ],
    related: 'INACTIVITY',
  },

  INACTIVITY: {
    id: 'INACTIVITY',
    title: 'not moving enough',
    summary: {
      text:
        'Too little activity can cause cramps, as can too much exercise. ' +
        'A sedentary lifestyle may lead to weaker muscles and poorer circulation.',
      sections: ['Lack of Physical Activity'],
    },
    deeper: [
      {
        text:
          'After long periods of inactivity, muscles can shorten and grow tighter, then cramp when you finally use them. ' +
          'Regular physical activity and stretching can help keep them flexible.',
        sections: ['Lack of Physical Activity'],
      },
    ],
    related: 'BLOOD_FLOW',
  },

  BLOOD_FLOW: {
    id: 'BLOOD_FLOW',
    title: 'poor blood flow',
    summary: {
      text:
        'Restricted blood flow to the leg muscles can make them twitch and cramp. ' +
        'Poor circulation may be one culprit behind night cramps.',
      sections: ['Inadequate Blood Flow'],
    },
    deeper: [
      {
        text:
          'Blood flow can be restricted by peripheral arterial disease, or by sitting in one fixed position ' +
          'for an extended period, and either can make cramps more likely.',
        sections: ['Inadequate Blood Flow'],
      },
    ],
    related: 'FOOTWEAR',
  },

  FOOTWEAR: {
    id: 'FOOTWEAR',
    title: 'footwear',
    summary: {
      text:
        'Uncomfortable shoes, or shoes that do not give adequate support, can contribute to cramps, ' +
        'especially when worn for extended periods. High heels, for instance, can strain the calf muscles.',
      sections: ['Improper Footwear'],
    },
    deeper: [
      {
        text: 'Comfortable shoes that fit well and support your arches can make a real difference.',
        sections: ['Improper Footwear'],
      },
    ],
    related: 'SLEEP_POSITION',
  },

  SLEEP_POSITION: {
    id: 'SLEEP_POSITION',
    title: 'sleep position',
    summary: {
      text:
        'The position you sleep in can affect your risk of cramps. Sleeping with your toes pointed downward ' +
        'can shorten the calf muscles and leave them prone to cramping.',
      sections: ['Sleep Position'],
    },
    deeper: [
      {
        text:
          'A more neutral position, with your feet slightly raised, can help keep the muscles better aligned ' +
          'and lower the risk of cramps.',
        sections: ['Sleep Position'],
      },
    ],
    related: 'AGE',
  },

  AGE: {
    id: 'AGE',
    title: 'age',
    summary: {
      text:
        'As we age, night cramps tend to become more common. Over time, muscles lose some of their strength and stretch, ' +
        'leaving them more susceptible to cramping.',
      sections: ['Age Factor'],
    },
    deeper: [
      {
        text: 'Older adults may also have more medical conditions or take medicines that add to cramps.',
        sections: ['Age Factor'],
      },
      {
        text: 'Staying hydrated, a balanced diet, and regular physical activity can all help reduce cramps as you age.',
        sections: ['Age Factor'],
      },
    ],
    related: 'MEDICAL_CONDITIONS',
  },

  MEDICAL_CONDITIONS: {
    id: 'MEDICAL_CONDITIONS',
    title: 'medical conditions linked to cramps',
    summary: {
      text:
        'Some medical conditions can lead to night cramps. Diabetes is one example, ' +
        'because it can affect both circulation and the nerves.',
      sections: ['Medical Conditions'],
    },
    deeper: [
      {
        text:
          'Parkinson\u2019s disease, kidney failure, and thyroid problems have also been associated with leg cramps at night.',
        sections: ['Medical Conditions'],
      },
      {
        text:
          'If you get frequent cramps, it is crucial to see a healthcare provider about any underlying condition.',
        sections: ['Medical Conditions'],
      },
    ],
    related: 'MEDICATIONS',
  },

  MEDICATIONS: {
    id: 'MEDICATIONS',
    title: 'medications that can cause cramps',
    summary: {
      text:
        'Some medicines can have muscle cramps as a side effect. Diuretics, or water pills, ' +
        'can cause a loss of fluids and electrolytes, and with it cramps.',
      sections: ['Medications'],
    },
    deeper: [
      {
        text:
          'Water pills are often used to manage blood pressure. Statins, used to lower cholesterol, ' +
          'and certain asthma medicines can also contribute.',
        sections: ['Medications'],
      },
      {
        text:
          'If you suspect a medicine is causing your cramps, consult your healthcare provider about possible alternatives.',
        sections: ['Medications'],
      },
    ],
    related: 'PREGNANCY',
  },

  PREGNANCY: {
    id: 'PREGNANCY',
    title: 'pregnancy',
    summary: {
      text: 'Many pregnant women get leg cramps, particularly in the second and third trimesters.',
      sections: ['Pregnancy'],
    },
    deeper: [
      {
        text:
          'The increase in weight puts more stress on the leg muscles. Circulation changes, ' +
          'and possibly a deficiency of magnesium and calcium, can also play a part.',
        sections: ['Pregnancy'],
      },
      {
        text: 'Staying well hydrated and doing gentle exercises might help ease them.',
        sections: ['Pregnancy'],
      },
    ],
    related: 'SEE_A_DOCTOR',
  },
};

export function topic(id: TopicId): Topic {
  return TOPICS[id];
}
