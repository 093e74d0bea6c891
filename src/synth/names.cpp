#include "synth/names.h"

namespace mash::synth {

namespace {

using SV = std::string_view;

constexpr SV kWhiteBritishMale[] = {
    "Jack",    "Oliver", "Harry", "George",  "Thomas", "James",   "William", "Daniel",  "Liam",
    "Callum",  "Kyle",   "Ryan",  "Connor",  "Jake",   "Lewis",   "Alfie",   "Charlie", "Freddie",
    "Archie",  "Noah",   "Leo",   "Mason",   "Riley",  "Jayden",  "Tyler",   "Kieran",  "Dean",
    "Wayne",   "Craig",  "Lee",   "Gary",    "Paul",   "Mark",    "Stephen", "David",   "Michael",
    "Anthony", "Darren", "Shaun", "Brandon", "Reece",  "Bradley", "Harvey",  "Teddy",   "Arthur",
};
constexpr SV kWhiteBritishFemale[] = {
    "Olivia", "Amelia",   "Isla",     "Ava",     "Emily",   "Sophie",  "Grace",  "Lily",
    "Chloe",  "Ellie",    "Mia",      "Poppy",   "Evie",    "Jessica", "Megan",  "Holly",
    "Lauren", "Hannah",   "Courtney", "Chelsea", "Stacey",  "Kelly",   "Leanne", "Gemma",
    "Jade",   "Kayleigh", "Danielle", "Amy",     "Rebecca", "Sarah",   "Lisa",   "Michelle",
    "Tracey", "Joanne",   "Nicola",   "Zoë",     "Freya",   "Daisy",   "Rosie",  "Elsie"};
constexpr SV kWhiteBritishFamily[] = {
    "Smith",      "Jones",     "Taylor",    "Brown",      "Williams",   "Wilson",    "Johnson",
    "Davies",     "Robinson",  "Wright",    "Thompson",   "Evans",      "Walker",    "White",
    "Roberts",    "Green",     "Hall",      "Wood",       "Jackson",    "Clarke",    "Ashworth",
    "Haworth",    "Whittaker", "Holden",    "Entwistle",  "Pilkington", "Duckworth", "Hargreaves",
    "Greenwood",  "Sutcliffe", "Riley",     "Barnes",     "Fletcher",   "Marsden",   "Kenyon",
    "Worsley",    "Shorrock",  "Ainsworth", "Cronshaw",   "Lord",       "Hindle",    "Nuttall",
    "Aspinall",   "Catterall", "Rawcliffe", "Tattersall", "Houghton",   "Parkinson", "Bradshaw",
    "Fairclough", "Morgan",    "Hughes",    "Price",      "MacDonald",  "Stewart",   "Cunliffe",
    "Birtwistle", "Pickup",    "Eccles",    "Slater"};

constexpr SV kPakistaniMale[] = {"Muhammad", "Ali",   "Hamza",  "Ibrahim", "Yusuf",  "Zain",
                                 "Ayaan",    "Bilal", "Imran",  "Adeel",   "Faisal", "Tariq",
                                 "Asif",     "Usman", "Zubair", "Haroon",  "Kamran", "Shahid",
                                 "Waqas",    "Irfan", "Arham",  "Rayyan",  "Sajid",  "Naveed"};
constexpr SV kPakistaniFemale[] = {
    "Aisha", "Fatima", "Maryam", "Zainab", "Hafsa", "Amina",   "Sana",  "Ayesha", "Iqra", "Khadija",
    "Nadia", "Rabia",  "Saima",  "Shazia", "Nazia", "Mehwish", "Anaya", "Inaya",  "Zara", "Hira"};
constexpr SV kPakistaniFamily[] = {
    "Khan",  "Hussain", "Ahmed", "Ali",     "Iqbal",  "Akhtar",   "Mahmood", "Shah",  "Butt",
    "Raja",  "Malik",   "Mirza", "Qureshi", "Rashid", "Aslam",    "Bashir",  "Hanif", "Javed",
    "Nawaz", "Rehman",  "Sadiq", "Younis",  "Zaman",  "Chaudhry", "Patel"};

constexpr SV kBangladeshiMale[] = {"Abdul",  "Mohammed", "Rahim",  "Shahid", "Jamal", "Kamal",
                                   "Rashed", "Sohel",    "Nazmul", "Rafiq",  "Habib", "Foysal",
                                   "Tanvir", "Sabbir",   "Arif",   "Rubel",  "Ayaan", "Ishaq"};
constexpr SV kBangladeshiFemale[] = {
    "Nasima", "Rokeya",  "Shirin", "Taslima", "Sumaiya", "Nusrat", "Farhana", "Ruksana",
    "Jannat", "Tahmina", "Salma",  "Sharmin", "Mim",     "Sadia",  "Tasnim",  "Maisha"};
constexpr SV kBangladeshiFamily[] = {
    "Begum", "Miah",    "Rahman", "Uddin", "Islam",  "Hoque",    "Choudhury", "Ahmed",
    "Alam",  "Hossain", "Ullah",  "Karim", "Sarkar", "Talukdar", "Chowdhury", "Bibi"};

constexpr SV kIndianMale[] = {"Arjun",    "Rohan",    "Vikram", "Rahul",  "Sanjay",
                              "Amit",     "Ravi",     "Dev",    "Aarav",  "Kabir",
                              "Harpreet", "Gurpreet", "Jaspal", "Manjit", "Sunil",
                              "Nikhil",   "Pranav",   "Kiran",  "Vihaan"};
constexpr SV kIndianFemale[] = {"Priya",   "Anjali", "Kavita", "Sunita", "Neha",    "Pooja",
                                "Meera",   "Asha",   "Divya",  "Simran", "Harleen", "Jaspreet",
                                "Navdeep", "Riya",   "Ananya", "Ishani", "Aanya"};
constexpr SV kIndianFamily[] = {"Patel",  "Sharma",  "Singh",  "Kaur",   "Gill",
                                "Sandhu", "Sidhu",   "Mistry", "Parmar", "Chauhan",
                                "Joshi",  "Desai",   "Mehta",  "Lad",    "Solanki",
                                "Bhatt",  "Dhillon", "Grewal", "Kumar",  "Rana"};

constexpr SV kBlackAfricanMale[] = {
    "Oluwaseun", "Chinedu", "Emeka",  "Tunde",   "Kwame",  "Kofi",     "Samuel",  "Emmanuel",
    "Ifeanyi",   "Obinna",  "Abdi",   "Mohamed", "Tendai", "Tafadzwa", "Kelechi", "Segun",
    "Femi",      "Yaw",     "Daniel", "David",   "Joshua", "Tobi"};
constexpr SV kBlackAfricanFemale[] = {
    "Adaeze", "Chioma",   "Ngozi",    "Funmilayo", "Folake",  "Abena",   "Ama",    "Esther",
    "Grace",  "Precious", "Blessing", "Faith",     "Nneka",   "Amara",   "Ifeoma", "Hodan",
    "Fadumo", "Rutendo",  "Nyasha",   "Yetunde",   "Deborah", "Temitope"};
constexpr SV kBlackAfricanFamily[] = {
    "Okafor",  "Adeyemi",  "Mensah",    "Boateng", "Osei",    "Owusu",    "Okoro",   "Nwosu",
    "Adebayo", "Oyelaran", "Eze",       "Asante",  "Mohamed", "Abdi",     "Hassan",  "Warsame",
    "Moyo",    "Ncube",    "Chikwanha", "Okonkwo", "Afolabi", "Ogunleye", "Ademola", "Nkemelu"};

constexpr SV kBlackCaribbeanMale[] = {
    "Marcus", "Jermaine",  "Tyrone", "Delroy", "Leon",    "Andre", "Kemar", "Shaquille", "Jordan",
    "Jamal",  "Nathaniel", "Kyrie",  "Reuben", "Winston", "Errol", "Clive", "Isaiah",    "Malachi"};
constexpr SV kBlackCaribbeanFemale[] = {
    "Shanice", "Tanisha", "Keisha",   "Monique", "Jasmine", "Chantelle", "Aaliyah", "Kezia",
    "Marcia",  "Sharon",  "Beverley", "Natasha", "Simone",  "Tia",       "Imani",   "Nia"};
constexpr SV kBlackCaribbeanFamily[] = {
    "Campbell", "Brown",    "Williams",  "Thomas",  "Francis", "Bailey",   "Clarke",  "Reid",
    "Gordon",   "Grant",    "Morgan",    "Henry",   "Lewis",   "Edwards",  "Stewart", "Johnson",
    "Samuels",  "McKenzie", "Blackwood", "Bennett", "Powell",  "Richards", "Spencer", "Walters"};

constexpr SV kPolishMale[] = {"Jakub",  "Kacper",   "Mateusz",   "Szymon", "Filip",  "Bartosz",
                              "Piotr",  "Tomasz",   "Krzysztof", "Paweł",  "Łukasz", "Marcin",
                              "Michał", "Wojciech", "Dawid",     "Adrian", "Antoni", "Grzegorz"};
constexpr SV kPolishFemale[] = {"Zuzanna", "Julia",      "Maja",       "Zofia",
                                "Hanna",   "Lena",       "Amelia",     "Oliwia",
                                "Natalia", "Agnieszka",  "Katarzyna",  "Magdalena",
                                "Joanna",  "Aleksandra", "Małgorzata", "Ewa"};
constexpr SV kPolishFamily[] = {
    "Nowak",       "Kowalski",  "Wiśniewski", "Wójcik",     "Kowalczyk", "Kamiński",  "Lewandowski",
    "Zieliński",   "Szymański", "Woźniak",    "Dąbrowski",  "Kozłowski", "Jankowski", "Mazur",
    "Kwiatkowski", "Krawczyk",  "Kaczmarek",  "Piotrowski", "Grabowski", "Zając",     "Pawłowski",
    "Michalski",   "Król",      "Wieczorek",  "Jabłoński",  "Nowicki",   "Wróbel",    "Sadowski"};

constexpr SV kRomanianMale[] = {
    "Andrei",   "Alexandru", "Ionuț",  "Mihai", "Florin", "Gabriel", "Constantin", "Bogdan",
    "Cristian", "Răzvan",    "Ștefan", "Vlad",  "Marius", "Daniel",  "Nicolae",    "Adrian"};
constexpr SV kRomanianFemale[] = {
    "Ioana",  "Maria",  "Elena",    "Andreea", "Alexandra", "Gabriela",  "Mihaela", "Roxana",
    "Denisa", "Bianca", "Cristina", "Ana",     "Larisa",    "Georgiana", "Alina",   "Florentina"};
constexpr SV kRomanianFamily[] = {
    "Popescu",  "Ionescu", "Popa",  "Radu",     "Dumitru", "Stan",       "Stoica", "Gheorghe",
    "Matei",    "Ciobanu", "Rusu",  "Munteanu", "Lungu",   "Constantin", "Dobre",  "Barbu",
    "Moldovan", "Ene",     "Tudor", "Marin",    "Sârbu",   "Vasilescu",  "Neagu",  "Florea"};

constexpr SV kChineseMale[] = {"Wei",   "Jun",    "Hao", "Jian",  "Ming",  "Lei",  "Yang",
                               "Zihan", "Haoran", "Kai", "Ethan", "Jason", "Tian", "Bo"};
constexpr SV kChineseFemale[] = {"Mei",      "Li",     "Xin",   "Yan", "Jing",  "Hui",   "Ying",
                                 "Xiaoling", "Zixuan", "Yuxin", "Lin", "Grace", "Chloe", "Shu"};
constexpr SV kChineseFamily[] = {"Wang",  "Li", "Zhang", "Liu", "Chen", "Yang", "Huang",
                                 "Zhao",  "Wu", "Zhou",  "Lam", "Chan", "Wong", "Cheung",
                                 "Leung", "Ng", "Lau",   "Ho",  "Tang", "Yip"};

constexpr SV kArabicMale[] = {"Omar",   "Ahmad", "Khalid", "Yousef", "Mustafa", "Karim",
                              "Hassan", "Ali",   "Samir",  "Tariq",  "Adnan",   "Rami",
                              "Fadi",   "Nabil", "Zaid",   "Majid"};
constexpr SV kArabicFemale[] = {"Layla", "Noor",   "Yasmin", "Rania",  "Huda", "Salma",
                                "Amira", "Dalia",  "Hana",   "Mariam", "Reem", "Lina",
                                "Nadia", "Samira", "Jana",   "Malak"};
constexpr SV kArabicFamily[] = {"Al-Sayed", "Haddad",  "Mansour",  "Nasser",  "Khalil",
                                "Saleh",    "Hamdan",  "Al-Masri", "Aziz",    "Darwish",
                                "Farouk",   "Ibrahim", "Jaber",    "Kassem",  "Al-Rashid",
                                "Obeid",    "Saad",    "Yassin",   "El-Amin", "Abu Bakr"};

constexpr SV kIrishMale[] = {"Seán",    "Ciarán",  "Patrick", "Declan", "Niall", "Eoin",
                             "Cillian", "Darragh", "Conor",   "Liam",   "Fionn", "Oisín",
                             "Pádraig", "Brendan", "Tadhg",   "Michael"};
constexpr SV kIrishFemale[] = {"Siobhán", "Aoife",   "Niamh",  "Saoirse", "Róisín",  "Ciara",
                               "Orla",    "Caoimhe", "Sinéad", "Máire",   "Bridget", "Clodagh",
                               "Aisling", "Eimear",  "Mary",   "Kathleen"};
constexpr SV kIrishFamily[] = {
    "O'Connor",   "O'Brien",    "Murphy",     "Kelly",      "Byrne",
    "Ryan",       "O'Sullivan", "Walsh",      "McCarthy",   "O'Neill",
    "Doyle",      "Gallagher",  "Kennedy",    "Lynch",      "Quinn",
    "McLaughlin", "Brennan",    "Fitzgerald", "O'Driscoll", "McGrath",
    "Flanagan",   "Donnelly",   "Devlin",     "O'Reilly",   "Mac Giolla Phádraig"};

constexpr Heritage kHeritages[] = {
    {"White British", kWhiteBritishMale, kWhiteBritishFemale, kWhiteBritishFamily, false},
    {"Pakistani", kPakistaniMale, kPakistaniFemale, kPakistaniFamily, false},
    {"Bangladeshi", kBangladeshiMale, kBangladeshiFemale, kBangladeshiFamily, false},
    {"Indian", kIndianMale, kIndianFemale, kIndianFamily, false},
    {"Black African", kBlackAfricanMale, kBlackAfricanFemale, kBlackAfricanFamily, false},
    {"Black Caribbean", kBlackCaribbeanMale, kBlackCaribbeanFemale, kBlackCaribbeanFamily, false},
    {"Polish", kPolishMale, kPolishFemale, kPolishFamily, true},
    {"Romanian", kRomanianMale, kRomanianFemale, kRomanianFamily, false},
    {"Chinese", kChineseMale, kChineseFemale, kChineseFamily, false},
    {"Arabic", kArabicMale, kArabicFemale, kArabicFamily, false},
    {"Irish", kIrishMale, kIrishFemale, kIrishFamily, false},
};
// Roughly the mix of a Lancashire town with a large South Asian community.
constexpr int kWeights[] = {46, 11, 4, 5, 7, 4, 6, 5, 3, 4, 5};
static_assert(std::size(kWeights) == std::size(kHeritages));

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

}  // namespace

std::span<const Heritage> heritages() { return kHeritages; }

const Heritage& pick_heritage(Rng& rng) { return kHeritages[rng.weighted(kWeights)]; }

std::string family_name_for(const Heritage& h, std::string_view family, bool female) {
  std::string out(family);
  if (female && h.gendered_family_names &&
      (ends_with(family, "ski") || ends_with(family, "cki") || ends_with(family, "dzki")))
    out.back() = 'a';
  return out;
}

}  // namespace mash::synth
