/**
 * Everything the skill says about leg cramps, topic by topic. Written in our own words from
 * `lambda/content/source/leg-cramps-article.txt`; every passage names the article section(s) it comes from.
 * Plain text only: handlers add SSML and the follow-up question.
 */
import { CAUSE_IDS, type CauseId, type Topic, type TopicId } from './types';

/** The order in which causes are listed to the listener (article order). */
export const CAUSE_TOPIC_IDS: readonly CauseId[] = CAUSE_IDS;

export const TOPICS: Readonly<Record<TopicId, Topic>> = {
  WHAT_ARE_THEY: {
    id: 'WHAT_ARE_THEY',
    title: 'what night-time leg cramps are',
    summary: {
      text:
        'A night-time leg cramp is a sudden tightening of a leg muscle that you cannot control. ' +
        'It usually grips the calf, though thighs and feet can cramp too, and the pain can wake you.',
      sections: ['Introduction'],
    },
    deeper: [
      {
        text:
          'The exact trigger is often hard to pin down. Many things can play a part, ' +
          'from fluids and exercise to blood flow, health conditions, some medicines, ' +
          'pregnancy, shoes, how you lie in bed, and age.',
        sections: ['Introduction', 'Finishing Thoughts'],
      },
      {
        text:
          'They are a common problem, and they can spoil your sleep and how rested you feel. ' +
          'Simple daily habits can make them happen much less often.',
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
        'Often there is no single cause. Common ones are too little fluid, hard exercise or too little of it, ' +
        'poor blood flow, some medicines, pregnancy, unsupportive shoes, sleep position, and getting older.',
      sections: [
        'Introduction',
        'Dehydration and Electrolyte Imbalance',
        'Physical Activity and Exercise',
        'Lack of Physical Activity',
        'Inadequate Blood Flow',
        'Medications',
        'Pregnancy',
        'Improper Footwear',
        'Sleep Position',
        'Age Factor',
        'Finishing Thoughts',
      ],
    },
    deeper: [
      {
        text:
          'Some health conditions can play a part as well, such as diabetes, ' +
          'Parkinson\u2019s disease, kidney failure, and thyroid problems.',
        sections: ['Medical Conditions'],
      },
      {
        text:
          'Running low on minerals like potassium, magnesium, and calcium can also leave your muscles ready to cramp.',
        sections: ['Mineral Deficiency'],
      },
      {
        text:
          'For many people it is a mix of these. Knowing which ones fit your life helps you choose what to change.',
        sections: ['Finishing Thoughts'],
      },
    ],
    related: 'DEHYDRATION',
  },

  PREVENTION: {
    id: 'PREVENTION',
    title: 'preventing leg cramps',
    summary: {
      text:
        'Stretch your legs gently before bed, drink enough water through the day, eat a balanced diet, ' +
        'and keep active every day. Together, these habits can make cramps much less frequent.',
      sections: ['Prevention and Treatment', 'Finishing Thoughts'],
    },
    deeper: [
      {
        text:
          'For your minerals, foods like leafy greens, nuts, dairy, and bananas help keep levels up, ' +
          'which may lower the chance of a cramp.',
        sections: ['Mineral Deficiency'],
      },
      {
        text:
          'In bed, try a neutral position with your feet raised a little, rather than lying with your toes pointed down.',
        sections: ['Sleep Position'],
      },
      {
        text:
          'By day, wear comfortable shoes that fit well and support your arches, since high heels can strain the calves. ' +
          'Regular, moderate exercise, with a stretch before and after, helps too.',
        sections: ['Improper Footwear', 'Physical Activity and Exercise'],
      },
    ],
    related: 'SEE_A_DOCTOR',
  },

  SEE_A_DOCTOR: {
    id: 'SEE_A_DOCTOR',
    title: 'when to see a healthcare provider',
    summary: {
      text:
        'If cramps come often, or keep happening even with stretching, water, and a good diet, ' +
        'it is worth talking to a healthcare provider. They can look for anything underneath.',
      sections: ['Prevention and Treatment', 'Finishing Thoughts'],
    },
    deeper: [
      {
        text:
          'Frequent cramps are sometimes linked to a health condition, such as diabetes, or kidney or thyroid problems. ' +
          'A provider can look into that with you.',
        sections: ['Medical Conditions'],
      },
      {
        text:
          'If you think one of your medicines may be behind the cramps, ask your healthcare provider ' +
          'whether there is another option that might suit you.',
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
        'It is a short guided routine for a cramp happening now. You gently stretch the muscle, hold it, ' +
        'add warmth or cold if you have it, then rest and take a sip of water.',
      sections: ['Prevention and Treatment', 'Sleep Position', 'Dehydration and Electrolyte Imbalance'],
    },
    deeper: [
      {
        text:
          'A heat pad or a cold pack on the cramping spot can bring quick relief. Use whichever one you have to hand.',
        sections: ['Prevention and Treatment'],
      },
      {
        text:
          'If the muscle stays sore afterwards, an over-the-counter pain reliever such as ibuprofen ' +
          'may help ease it, if it suits you.',
        sections: ['Prevention and Treatment'],
      },
      {
        text:
          'To help head off the next one, stretch your calves gently before bed, and keep sipping water through the day.',
        sections: ['Prevention and Treatment', 'Dehydration and Electrolyte Imbalance'],
      },
    ],
    related: 'PREVENTION',
  },

  DEHYDRATION: {
    id: 'DEHYDRATION',
    title: 'dehydration and electrolytes',
    summary: {
      text:
        'Being low on fluids is one of the most common triggers. It upsets the balance of minerals ' +
        'your muscles rely on, like potassium, calcium, and magnesium, and that can set off a cramp.',
      sections: ['Dehydration and Electrolyte Imbalance'],
    },
    deeper: [
      {
        text:
          'When that balance slips, a muscle can tighten by itself, which is what a cramp is. ' +
          'Sipping water steadily through the day helps keep the balance right.',
        sections: ['Dehydration and Electrolyte Imbalance'],
      },
    ],
    related: 'MINERAL_DEFICIENCY',
  },

  EXERCISE: {
    id: 'EXERCISE',
    title: 'exercise and tired muscles',
    summary: {
      text:
        'Working your legs hard, with a tough workout or a long walk or run, can tire the muscles ' +
        'and make them more likely to cramp later.',
      sections: ['Physical Activity and Exercise'],
    },
    deeper: [
      {
        text:
          'Skipping your stretches before and after exercise can leave muscles tight. ' +
          'Regular, moderate activity, paired with good stretching, tends to mean fewer cramps at night.',
        sections: ['Physical Activity and Exercise'],
      },
    ],
    related: 'INACTIVITY',
  },

  BLOOD_FLOW: {
    id: 'BLOOD_FLOW',
    title: 'poor blood flow',
    summary: {
      text:
        'If blood cannot easily reach parts of your leg muscles, those muscles may twitch and cramp. ' +
        'Poor circulation is one possible reason for cramps at night.',
      sections: ['Inadequate Blood Flow'],
    },
    deeper: [
      {
        text:
          'Circulation can be held back by a condition called peripheral arterial disease, ' +
          'or simply by sitting in one position for a long time. Either can make cramps more likely.',
        sections: ['Inadequate Blood Flow'],
      },
    ],
    related: 'INACTIVITY',
  },

  MEDICAL_CONDITIONS: {
    id: 'MEDICAL_CONDITIONS',
    title: 'medical conditions linked to cramps',
    summary: {
      text:
        'Some health conditions make night cramps more likely. Diabetes is one example, ' +
        'because it can affect both circulation and the nerves.',
      sections: ['Medical Conditions'],
    },
    deeper: [
      {
        text:
          'Parkinson\u2019s disease, kidney failure, and thyroid problems have also been linked with leg cramps at night.',
        sections: ['Medical Conditions'],
      },
      {
        text:
          'If your cramps happen often, a healthcare provider can check whether a condition like these is involved.',
        sections: ['Medical Conditions'],
      },
    ],
    related: 'SEE_A_DOCTOR',
  },

  MINERAL_DEFICIENCY: {
    id: 'MINERAL_DEFICIENCY',
    title: 'low minerals',
    summary: {
      text:
        'Your muscles need potassium, magnesium, and calcium to tighten and relax properly. ' +
        'When these run low, a muscle may tighten on its own and cramp.',
      sections: ['Mineral Deficiency'],
    },
    deeper: [
      {
        text:
          'A balanced diet helps keep your mineral levels up. Leafy greens, nuts, dairy foods, and bananas ' +
          'are good choices, and may lower your chance of cramps.',
        sections: ['Mineral Deficiency'],
      },
    ],
    related: 'PREVENTION',
  },

  MEDICATIONS: {
    id: 'MEDICATIONS',
    title: 'medications that can cause cramps',
    summary: {
      text:
        'Some medicines can cause muscle cramps as a side effect. Water pills, also called diuretics, ' +
        'are one example, because they can make the body lose fluid and minerals.',
      sections: ['Medications'],
    },
    deeper: [
      {
        text:
          'Water pills are often given for blood pressure. Statins, which lower cholesterol, ' +
          'and some asthma medicines can also play a part.',
        sections: ['Medications'],
      },
      {
        text:
          'If you think a medicine may be causing your cramps, talk with your healthcare provider about possible alternatives.',
        sections: ['Medications'],
      },
    ],
    related: 'SEE_A_DOCTOR',
  },

  PREGNANCY: {
    id: 'PREGNANCY',
    title: 'pregnancy',
    summary: {
      text: 'Leg cramps are common in pregnancy, especially in the second and third trimesters.',
      sections: ['Pregnancy'],
    },
    deeper: [
      {
        text:
          'The extra weight puts more load on the legs. Shifts in circulation, ' +
          'and perhaps lower magnesium and calcium, may also play a part.',
        sections: ['Pregnancy'],
      },
      {
        text: 'Drinking plenty of water and doing some gentle exercise may help ease them.',
        sections: ['Pregnancy'],
      },
    ],
    related: 'DEHYDRATION',
  },

  INACTIVITY: {
    id: 'INACTIVITY',
    title: 'not moving enough',
    summary: {
      text:
        'Too little activity can bring on cramps, just as too much can. ' +
        'Sitting still for much of the day may weaken muscles and slow your circulation.',
      sections: ['Lack of Physical Activity'],
    },
    deeper: [
      {
        text:
          'After long spells without moving, muscles can shorten and stiffen, then cramp when you finally use them. ' +
          'Regular activity and stretching help keep them supple.',
        sections: ['Lack of Physical Activity'],
      },
    ],
    related: 'PREVENTION',
  },

  FOOTWEAR: {
    id: 'FOOTWEAR',
    title: 'footwear',
    summary: {
      text:
        'Shoes that are uncomfortable or give little support can add to cramps, especially when worn for hours. ' +
        'High heels, for instance, can strain the calves.',
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
        'How you lie in bed matters. Sleeping with your toes pointed down shortens the calf muscles, ' +
        'which makes them more likely to cramp.',
      sections: ['Sleep Position'],
    },
    deeper: [
      {
        text:
          'A more neutral position, with your feet raised a little, keeps the muscles better lined up ' +
          'and may lower the chance of a cramp.',
        sections: ['Sleep Position'],
      },
    ],
    related: 'RELIEF_ROUTINE',
  },

  AGE: {
    id: 'AGE',
    title: 'age',
    summary: {
      text:
        'Night cramps become more common as we get older. Muscles slowly lose some strength and stretch, ' +
        'so they cramp more easily.',
      sections: ['Age Factor'],
    },
    deeper: [
      {
        text: 'Older adults may also have more health conditions, or take medicines, that add to the problem.',
        sections: ['Age Factor'],
      },
      {
        text: 'Eating a balanced diet, drinking enough water, and staying active can all help keep cramps down with age.',
        sections: ['Age Factor'],
      },
    ],
    related: 'MEDICAL_CONDITIONS',
  },
};

export function topic(id: TopicId): Topic {
  return TOPICS[id];
}
