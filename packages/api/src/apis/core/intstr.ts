// intstr.IntOrString: a port number or a named port ("http"). Kept private to core (the package
// index exports the apps group's identical type).
export type IntOrString = number | string;
