/*
 * gen: write a deterministic, realistic intake CSV (DESIGN.md section 4)
 * for benchmarks.
 *
 * The same seed and arguments give byte-identical output on any machine:
 * the only source of randomness is the splitmix64 generator below and all
 * arithmetic is on integers.
 */

#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#define PICK(a)		pick((a), nitems(a))
#define ONE_OF(a)	((a)[uniform(nitems(a))])

/* Keeps row * total time units below 2^64; see place_rows(). */
#define MAXROWS		1000000000ULL
#define OUTSIZE		(1 << 20)
#define TEXTSIZE	4096

struct choice {
	const char	*value;
	unsigned int	 weight;
};

struct topic {
	const char	*name;
	const char	*team;
	unsigned int	 weight;
	const char	*const *subjects;
	size_t		 nsubjects;
	const char	*const *sentences;
	size_t		 nsentences;
};

struct kind {
	const char	*type;
	unsigned int	 weight;
	const char	*const *subjects;
	size_t		 nsubjects;
	const char	*const *sentences;
	size_t		 nsentences;
};

/* What one row's text templates may refer to. */
struct row {
	int		 year, month, mday, hour, min, sec;
	int		 female;
	char		 name[160];
	char		 id_number[16];
	const char	*city;
	const char	*team;
	unsigned int	 contract, day1, day2;
	unsigned long	 amount;
};

struct text {
	char		 buf[TEXTSIZE];
	size_t		 len;
};

static const struct choice channels[] = {
	{ "correo", 35 }, { "web", 25 }, { "presencial", 15 },
	{ "telefonico", 15 }, { "escrito", 10 },
};

static const struct choice preferentials[] = {
	{ "adulto_mayor", 30 }, { "discapacidad", 20 },
	{ "movilidad_reducida", 15 }, { "gestante", 15 }, { "vulnerable", 10 },
	{ "infante", 5 }, { "veterano", 5 },
};

static const struct choice requester_kinds[] = {
	{ "contratista", 40 }, { "funcionario", 35 }, { "ciudadano", 15 },
	{ "tercero", 10 },
};

static const struct choice personal_domains[] = {
	{ "gmail.com", 50 }, { "hotmail.com", 30 }, { "yahoo.es", 12 },
	{ "outlook.com", 8 },
};

/* Weights of 1, 2, 3 and 4 sentences in a description. */
static const unsigned int sentence_counts[] = { 60, 25, 10, 5 };

/* Weights of id numbers of 6 to 10 digits: cédulas mostly have 8 or 10. */
static const unsigned int id_lengths[] = { 3, 10, 40, 7, 40 };

static const char *const female_names[] = {
	"María", "María Fernanda", "Ángela", "Luz Marina", "Ana María",
	"Sofía", "Valentina", "Paula Andrea", "Mónica", "Lucía", "Natalia",
	"Martha Cecilia", "Gloria Inés", "Diana Carolina", "Catalina",
	"Juliana", "Yolanda", "Beatriz", "Leidy Johana", "Marisol", "Inés",
	"Sandra Milena", "Carolina", "Adriana", "Verónica", "Mariana",
	"Daniela", "Ximena", "Ruth Dary", "Nubia", "Rocío", "Maribel",
	"Yésica", "Ángela María", "Luisa Fernanda", "Débora", "Zoraida",
};

static const char *const male_names[] = {
	"José", "Juan Carlos", "Andrés Felipe", "Iñaki", "Luis Fernando",
	"Jesús", "Óscar", "Héctor", "Camilo", "Sebastián", "Julián", "Germán",
	"Nicolás", "Álvaro", "Jorge Iván", "Carlos Andrés", "Rubén", "Fabián",
	"Édgar", "Hernán", "Iván", "Raúl", "Ramón", "Joaquín", "Simón",
	"Martín", "Esteban", "Wílmer", "Jhon Jairo", "Efraín", "Tomás",
	"Ángel", "Juan José", "Milton", "Yesid", "Diego Alejandro",
};

static const char *const surnames[] = {
	"Peña", "Muñoz", "Gómez", "Rodríguez", "Suárez", "Martínez",
	"González", "López", "Hernández", "García", "Pérez", "Sánchez",
	"Ramírez", "Torres", "Díaz", "Vargas", "Jiménez", "Álvarez", "Ruiz",
	"Castaño", "Ospina", "Zuluaga", "Restrepo", "Quiñones", "Patiño",
	"Ibáñez", "Londoño", "Castillo", "Rincón", "Cárdenas", "Valencia",
	"Mejía", "Ordóñez", "Núñez", "Ávila", "Beltrán", "Cortés", "Gutiérrez",
	"Rojas", "Moreno", "Parra", "Bermúdez", "Sarmiento", "Chávez",
	"Bolaños", "Ocampo", "Montaño", "Arboleda", "Güiza", "Escobar",
	"Mosquera", "Palacios", "Córdoba", "Salazar", "Agudelo", "Cuéllar",
};

static const char *const ministry_offices[] = {
	"Grupo de Contabilidad, piso 3",
	"Grupo de Comisiones y Viáticos, piso 2",
	"Subdirección Administrativa y Financiera",
	"Oficina Asesora Jurídica",
	"Dirección de Bosques, Biodiversidad y Servicios Ecosistémicos",
	"Dirección de Cambio Climático y Gestión del Riesgo",
	"Dirección de Asuntos Marinos, Costeros y Recursos Acuáticos",
	"Dirección de Gestión Integral del Recurso Hídrico",
	"Dirección de Ordenamiento Ambiental Territorial",
	"Oficina de Negocios Verdes y Sostenibles",
	"Grupo de Talento Humano",
	"Secretaría General",
	"Oficina de Tecnologías de la Información",
	"Grupo de Contratos, sede Calle 37",
	"Oficina de Control Interno",
};

static const char *const outside_offices[] = {
	"Consultores Ambientales S.A.S.",
	"Fundación Humedales de Colombia",
	"Parques Nacionales Naturales",
	"Corporación Autónoma Regional de Cundinamarca, CAR",
	"Alcaldía de Sopó",
	"Universidad Nacional de Colombia, sede Bogotá",
	"Turismo Andino Ltda.",
};

static const char *const cities[] = {
	"Leticia", "Santa Marta", "San Andrés", "Quibdó", "Bucaramanga",
	"Cúcuta", "Medellín", "Popayán", "Riohacha", "Villavicencio", "Pasto",
	"Montería", "Neiva", "Ibagué", "Yopal", "Mitú", "Inírida",
	"Puerto Carreño", "Florencia", "Tumaco", "Cartagena", "Manizales",
};

static const char *const months[] = {
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre",
};

static const char *const mobile_prefixes[] = {
	"300", "301", "302", "304", "305", "310", "311", "312", "313", "314",
	"315", "316", "317", "318", "319", "320", "321", "322", "323", "324",
	"350", "351",
};

/*
 * Template placeholders, expanded by expand():
 * %m previous month, %p its year, %M month received, %y year received,
 * %Y the year before, %c city, %k contract number, %d %e two days of the
 * month, %a an amount in pesos, %n the name, %i the id number, %t team,
 * %o "o"/"a" agreeing with the requester, %% a percent sign.
 */

static const char *const subj_cuentas[] = {
	"Estado de la cuenta de cobro de %m",
	"Pago pendiente, contrato %k de %y",
	"Cuenta de cobro de %m de %p",
	"Solicitud de certificado de \"paz y salvo\"",
	"Devolución de cuenta de cobro, falta firma",
	"Descuento no autorizado en el pago de %m",
	"Certificado de retención en la fuente %Y",
	"Honorarios de %m sin pagar",
};

static const char *const text_cuentas[] = {
	"Quisiera saber en qué estado se encuentra mi cuenta de cobro de %m.",
	"Radiqué la cuenta de cobro de %m el %d de %M y aún no veo el pago.",
	"El pago del contrato %k de %y no ha llegado a mi cuenta.",
	"Me descontaron %a sin ninguna explicación.",
	"Adjunto la planilla de seguridad social y el informe de %m.",
	"Necesito el certificado de retención en la fuente de %Y.",
	"Me devolvieron la cuenta por una firma faltante; ya la corregí.",
	"¿Cuándo se hace el giro de los honorarios de %m?",
};

static const char *const subj_comisiones[] = {
	"Solicitud de viáticos para comisión a %c",
	"Comisión a %c, %d al %e de %M",
	"Tiquetes para la comisión a %c",
	"Anticipo de comisión \"%c\"",
	"Resolución de comisión a %c sin firmar",
};

static const char *const text_comisiones[] = {
	"Solicito los viáticos para la comisión a %c del %d al %e de %M.",
	"Necesito los tiquetes para la comisión a %c; salgo el %d de %M.",
	"La resolución de la comisión a %c aún no ha sido firmada.",
	"¿Ya aprobaron el anticipo de %a para la comisión a %c?",
	"El valor de los viáticos a %c no corresponde a la tabla vigente.",
};

static const char *const subj_legalizacion[] = {
	"Legalización de comisión a %c",
	"Legalización pendiente, comisión a %c de %m",
	"Reintegro de viáticos no utilizados",
	"Cumplido de comisión \"%c\", %m",
};

static const char *const text_legalizacion[] = {
	"Envío los soportes para legalizar la comisión a %c de %m.",
	"Adjunto el informe de comisión y los pasabordos del viaje a %c.",
	"Me aparece pendiente la legalización de la comisión a %c, pero ya "
	    "la entregué.",
	"Debo reintegrar %a de viáticos no usados en %c; ¿a qué cuenta "
	    "consigno?",
	"El sistema no me deja cargar el cumplido de la comisión a %c.",
};

static const char *const subj_otro[] = {
	"Actualización de datos bancarios",
	"Certificación de pagos %Y",
	"Consulta sobre el contrato %k, \"urgente\"",
	"Horario de atención",
	"Copia del acta de inicio",
};

static const char *const text_otro[] = {
	"Solicito actualizar mis datos bancarios para los próximos pagos.",
	"Necesito una certificación de los pagos recibidos en %Y.",
	"Quisiera saber con quién hablar sobre el contrato %k de %y.",
	"Requiero copia del acta de inicio del contrato %k.",
	"¿Cuál es el horario de atención del grupo de %t?",
};

static const struct topic topics[] = {
	{ "cuentas_pago", "contabilidad", 40,
	    subj_cuentas, nitems(subj_cuentas),
	    text_cuentas, nitems(text_cuentas) },
	{ "comisiones", "comisiones", 25,
	    subj_comisiones, nitems(subj_comisiones),
	    text_comisiones, nitems(text_comisiones) },
	{ "legalizacion_comisiones", "comisiones", 25,
	    subj_legalizacion, nitems(subj_legalizacion),
	    text_legalizacion, nitems(text_legalizacion) },
	{ "otro", "contabilidad", 10,
	    subj_otro, nitems(subj_otro),
	    text_otro, nitems(text_otro) },
};

static const char *const subj_peticion[] = {
	"Derecho de petición, contrato %k",
};
static const char *const text_peticion[] = {
	"Solicito respetuosamente dar trámite a esta petición.",
	"Agradezco su colaboración con este asunto.",
};
static const char *const subj_queja[] = {
	"Queja por demora en el pago de %m",
	"Queja: mala atención en ventanilla",
};
static const char *const text_queja[] = {
	"Es la tercera vez que escribo y nadie me responde.",
	"La atención en la ventanilla fue muy demorada.",
	"Me parece inaceptable que un pago tarde más de un mes.",
};
static const char *const subj_reclamo[] = {
	"Reclamo por valor pagado, contrato %k",
};
static const char *const text_reclamo[] = {
	"Pido que se corrija el valor pagado cuanto antes.",
	"El error no es mío: entregué todos los documentos a tiempo.",
};
static const char *const subj_sugerencia[] = {
	"Sugerencia: calendario de pagos en la intranet",
};
static const char *const text_sugerencia[] = {
	"Sugiero publicar el calendario de pagos en la intranet.",
	"Sería útil recibir un aviso por correo cuando se haga el giro.",
};
static const char *const subj_denuncia[] = {
	"Denuncia por posible irregularidad",
};
static const char *const text_denuncia[] = {
	"Quiero informar una posible irregularidad en el trámite.",
	"Un funcionario me pidió dinero para agilizar el pago.",
};
static const char *const subj_felicitacion[] = {
	"Felicitación por la atención recibida",
};
static const char *const text_felicitacion[] = {
	"Felicito al equipo de %t por la atención tan amable y rápida.",
	"La persona de la ventanilla me explicó todo con paciencia.",
};
static const char *const subj_informacion[] = {
	"Solicitud de copia del expediente",
};
static const char *const text_informacion[] = {
	"Solicito copia de los documentos del expediente.",
	"Requiero la información en medio digital.",
};
static const char *const subj_consulta[] = {
	"Consulta: ¿qué norma aplica?",
};
static const char *const text_consulta[] = {
	"¿Cuál es el procedimiento correcto en este caso?",
	"¿Qué norma aplica a este trámite?",
};
static const char *const subj_autoridad[] = {
	"Requerimiento de la Contraloría, oficio %k-%y",
	"Solicitud de la Procuraduría, radicado %k",
};
static const char *const text_autoridad[] = {
	"La Contraloría General de la República solicita esta información "
	    "en el marco de una auditoría.",
	"Por instrucción de la Procuraduría se requiere respuesta dentro del "
	    "término legal.",
};

static const struct kind kinds[] = {
	{ "peticion", 45, subj_peticion, nitems(subj_peticion),
	    text_peticion, nitems(text_peticion) },
	{ "informacion", 12, subj_informacion, nitems(subj_informacion),
	    text_informacion, nitems(text_informacion) },
	{ "consulta", 10, subj_consulta, nitems(subj_consulta),
	    text_consulta, nitems(text_consulta) },
	{ "queja", 8, subj_queja, nitems(subj_queja),
	    text_queja, nitems(text_queja) },
	{ "reclamo", 8, subj_reclamo, nitems(subj_reclamo),
	    text_reclamo, nitems(text_reclamo) },
	{ "autoridad", 6, subj_autoridad, nitems(subj_autoridad),
	    text_autoridad, nitems(text_autoridad) },
	{ "sugerencia", 5, subj_sugerencia, nitems(subj_sugerencia),
	    text_sugerencia, nitems(text_sugerencia) },
	{ "felicitacion", 4, subj_felicitacion, nitems(subj_felicitacion),
	    text_felicitacion, nitems(text_felicitacion) },
	{ "denuncia", 2, subj_denuncia, nitems(subj_denuncia),
	    text_denuncia, nitems(text_denuncia) },
};

static const char *const openers[] = {
	"Buenos días.", "Buenas tardes.", "Cordial saludo.",
	"Señores, grupo de %t:",
};

static const char *const closings[] = {
	"Agradezco su pronta respuesta.", "Quedo atent%o a sus comentarios.",
	"Muchas gracias.", "Es urgente porque viajo la próxima semana.",
	"Quedo atent%o a cualquier información adicional.",
};

static const char *const signatures[] = {
	"Cordialmente,\n%n", "Atentamente,\n%n\nC.C. %i",
};

static const char header[] =
    "received_at,channel,type,topic,team,priority,preferential,name,"
    "salutation,id_number,email,phone,office,requester_kind,subject,"
    "description,external_ref\n";

static uint64_t		 rng;
static char		 out[OUTSIZE];
static size_t		 outlen;

/* The calendar of the year, one entry per hour. */
static int		 nhours;
static unsigned int	*hour_weight;
static uint64_t		*hour_start;	/* cumulative weight-seconds */
static unsigned char	 day_month[366], day_mday[366];

static void
usage(void)
{
	fprintf(stderr, "usage: gen [-s seed] [-y year] nrows\n");
	exit(64);
}

/* splitmix64 (Steele, Lea and Flood 2014): small, fast, any seed works. */
static uint64_t
next(void)
{
	uint64_t z;

	z = (rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n); the bias is below 2^-32 for the n used here. */
static unsigned int
uniform(size_t n)
{
	return (unsigned int)(((next() >> 32) * (uint64_t)n) >> 32);
}

static int
chance(unsigned int percent)
{
	return uniform(100) < percent;
}

static const char *
pick(const struct choice *c, size_t n)
{
	size_t i;
	unsigned int total, r;

	total = 0;
	for (i = 0; i < n; i++)
		total += c[i].weight;
	r = uniform(total);
	for (i = 0; i < n - 1; i++) {
		if (r < c[i].weight)
			break;
		r -= c[i].weight;
	}
	return c[i].value;
}

/* An index into a table of weights. */
static size_t
weighted(const unsigned int *w, size_t n)
{
	size_t i;
	unsigned int total, r;

	total = 0;
	for (i = 0; i < n; i++)
		total += w[i];
	r = uniform(total);
	for (i = 0; i < n - 1; i++) {
		if (r < w[i])
			break;
		r -= w[i];
	}
	return i;
}

static const struct topic *
pick_topic(void)
{
	size_t i;
	unsigned int r;

	r = uniform(100);
	for (i = 0; i < nitems(topics) - 1; i++) {
		if (r < topics[i].weight)
			break;
		r -= topics[i].weight;
	}
	return &topics[i];
}

static const struct kind *
pick_kind(void)
{
	size_t i;
	unsigned int r;

	r = uniform(100);
	for (i = 0; i < nitems(kinds) - 1; i++) {
		if (r < kinds[i].weight)
			break;
		r -= kinds[i].weight;
	}
	return &kinds[i];
}

static void
flush_out(void)
{
	if (outlen > 0 && fwrite(out, 1, outlen, stdout) != outlen)
		err(74, "stdout");
	outlen = 0;
}

static void
room(size_t n)
{
	if (outlen + n > sizeof(out))
		flush_out();
}

static void
put_raw(const char *s, size_t len)
{
	room(len);
	memcpy(out + outlen, s, len);
	outlen += len;
}

static void
put_str(const char *s)
{
	put_raw(s, strlen(s));
}

static void
put_char(char c)
{
	room(1);
	out[outlen++] = c;
}

/* One field, quoted per RFC 4180 when it holds a comma, quote or newline. */
static void
put_field(const char *s, size_t len)
{
	size_t i;

	if (strcspn(s, ",\"\r\n") >= len) {
		put_raw(s, len);
		return;
	}
	room(2 * len + 2);
	out[outlen++] = '"';
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			out[outlen++] = '"';
		out[outlen++] = s[i];
	}
	out[outlen++] = '"';
}

static void
put_number(unsigned long v, int width)
{
	char buf[24];
	int n;

	n = 0;
	do {
		buf[sizeof(buf) - ++n] = '0' + v % 10;
		v /= 10;
	} while (v > 0 || n < width);
	put_raw(buf + sizeof(buf) - n, n);
}

static void
text_add(struct text *t, const char *s, size_t len)
{
	if (len > sizeof(t->buf) - 1 - t->len)
		errx(70, "text template too long");
	memcpy(t->buf + t->len, s, len);
	t->len += len;
	t->buf[t->len] = '\0';
}

static void
text_str(struct text *t, const char *s)
{
	text_add(t, s, strlen(s));
}

static void
text_number(struct text *t, unsigned long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lu", v);
	text_str(t, buf);
}

/* Pesos as written in Colombia: "$ 1.250.000". */
static void
text_amount(struct text *t, unsigned long v)
{
	char buf[32];
	int n, digits;

	n = 0;
	digits = 0;
	do {
		if (digits > 0 && digits % 3 == 0)
			buf[sizeof(buf) - ++n] = '.';
		buf[sizeof(buf) - ++n] = '0' + v % 10;
		digits++;
		v /= 10;
	} while (v > 0);
	text_add(t, "$ ", 2);
	text_add(t, buf + sizeof(buf) - n, n);
}

static void
expand(struct text *t, const char *tmpl, const struct row *r)
{
	const char *p;
	int prev;

	prev = r->month == 1 ? 12 : r->month - 1;
	for (p = tmpl; *p != '\0'; p++) {
		if (*p != '%') {
			text_add(t, p, 1);
			continue;
		}
		switch (*++p) {
		case 'a':
			text_amount(t, r->amount);
			break;
		case 'c':
			text_str(t, r->city);
			break;
		case 'd':
			text_number(t, r->day1);
			break;
		case 'e':
			text_number(t, r->day2);
			break;
		case 'i':
			text_str(t, r->id_number);
			break;
		case 'k':
			text_number(t, r->contract);
			break;
		case 'M':
			text_str(t, months[r->month - 1]);
			break;
		case 'm':
			text_str(t, months[prev - 1]);
			break;
		case 'n':
			text_str(t, r->name);
			break;
		case 'o':
			text_str(t, r->female ? "a" : "o");
			break;
		case 'p':
			text_number(t, r->month == 1 ? r->year - 1 : r->year);
			break;
		case 't':
			text_str(t, r->team);
			break;
		case 'Y':
			text_number(t, r->year - 1);
			break;
		case 'y':
			text_number(t, r->year);
			break;
		case '%':
			text_add(t, "%", 1);
			break;
		default:
			errx(70, "%s: bad placeholder", tmpl);
		}
	}
}

/*
 * Lower-case ASCII for the Latin-1 letters the name lists use, given the
 * second byte of their two-byte UTF-8 form (the first is 0xc3); 0 if none.
 */
static char
fold_latin1(unsigned char c)
{
	if (c >= 0x80 && c <= 0x9e)
		c += 0x20;
	if (c >= 0xa0 && c <= 0xa5)
		return 'a';
	if (c == 0xa7)
		return 'c';
	if (c >= 0xa8 && c <= 0xab)
		return 'e';
	if (c >= 0xac && c <= 0xaf)
		return 'i';
	if (c == 0xb1)
		return 'n';
	if (c >= 0xb2 && c <= 0xb6)
		return 'o';
	if (c >= 0xb9 && c <= 0xbc)
		return 'u';
	return 0;
}

/* The first word of a name in lower-case ASCII, for an e-mail address. */
static size_t
fold_word(char *dst, size_t size, const char *src)
{
	const unsigned char *s;
	size_t n;
	char c;

	n = 0;
	for (s = (const unsigned char *)src; *s != '\0' && *s != ' '; s++) {
		if (*s == 0xc3 && s[1] != '\0')
			c = fold_latin1(*++s);
		else if (*s >= 'A' && *s <= 'Z')
			c = *s - 'A' + 'a';
		else if (*s >= 'a' && *s <= 'z')
			c = *s;
		else
			c = 0;
		if (c != 0 && n + 1 < size)
			dst[n++] = c;
	}
	dst[n] = '\0';
	return n;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * How many requests arrive in an hour, relative to the others: most in
 * office hours on weekdays, some early, late and on weekends, few at night.
 * National holidays are not modelled.
 */
static unsigned int
hour_load(int weekday, int hour)
{
	if (weekday < 5) {
		if (hour >= 7 && hour < 18)
			return 100;
		if (hour == 6 || hour == 18 || hour == 19)
			return 15;
		if (hour >= 20 && hour < 23)
			return 5;
		return 1;
	}
	if (hour >= 8 && hour < 14)
		return 10;
	if (hour >= 14 && hour < 20)
		return 5;
	return 1;
}

static void
build_calendar(int year)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	long y1;
	int day, ndays, month, mday, weekday, h, hour;

	ndays = is_leap(year) ? 366 : 365;
	nhours = ndays * 24;
	if ((hour_weight = calloc(nhours, sizeof(*hour_weight))) == NULL ||
	    (hour_start = calloc(nhours + 1, sizeof(*hour_start))) == NULL)
		err(70, NULL);

	/* 0001-01-01 (proleptic Gregorian) was a Monday: weekday 0. */
	y1 = year - 1;
	weekday = (int)((365 * y1 + y1 / 4 - y1 / 100 + y1 / 400) % 7);

	month = 1;
	mday = 1;
	h = 0;
	for (day = 0; day < ndays; day++) {
		day_month[day] = month;
		day_mday[day] = mday;
		for (hour = 0; hour < 24; hour++, h++) {
			hour_weight[h] = hour_load(weekday, hour);
			hour_start[h + 1] = hour_start[h] +
			    (uint64_t)hour_weight[h] * 3600;
		}
		weekday = (weekday + 1) % 7;
		if (++mday > mdays[month - 1] +
		    (month == 2 && is_leap(year))) {
			mday = 1;
			month++;
		}
	}
}

/*
 * The arrival time of row i of n: the rows split the year's load into n
 * equal strata and row i falls at random inside stratum i, so times never
 * go backwards and the last one is inside the year.
 */
static void
place_row(struct row *r, uint64_t i, uint64_t n)
{
	static int h;
	uint64_t total, t, sec;

	total = hour_start[nhours];
	t = (i * total + next() % total) / n;
	while (hour_start[h + 1] <= t)
		h++;
	sec = (t - hour_start[h]) / hour_weight[h];
	r->month = day_month[h / 24];
	r->mday = day_mday[h / 24];
	r->hour = h % 24;
	r->min = (int)(sec / 60);
	r->sec = (int)(sec % 60);
}

static void
put_received_at(const struct row *r)
{
	put_number(r->year, 4);
	put_char('-');
	put_number(r->month, 2);
	put_char('-');
	put_number(r->mday, 2);
	put_char('T');
	put_number(r->hour, 2);
	put_char(':');
	put_number(r->min, 2);
	put_char(':');
	put_number(r->sec, 2);
}

static void
make_name(struct row *r, const char **first, const char **sur)
{
	const char *second;

	r->female = chance(55);
	*first = r->female ? ONE_OF(female_names) : ONE_OF(male_names);
	*sur = ONE_OF(surnames);
	second = chance(60) ? ONE_OF(surnames) : NULL;
	snprintf(r->name, sizeof(r->name), "%s %s%s%s", *first, *sur,
	    second != NULL ? " " : "", second != NULL ? second : "");
}

static void
put_email(const char *first, const char *sur, const char *kind)
{
	char f[64], s[64];
	const char *domain;

	fold_word(f, sizeof(f), first);
	fold_word(s, sizeof(s), sur);
	if ((strcmp(kind, "funcionario") == 0 && chance(85)) ||
	    (strcmp(kind, "contratista") == 0 && chance(50)))
		domain = "minambiente.gov.co";
	else
		domain = PICK(personal_domains);

	if (strcmp(domain, "minambiente.gov.co") == 0) {
		if (chance(70)) {
			put_str(f);
			put_char('.');
		} else
			put_char(f[0]);
		put_str(s);
	} else {
		switch (uniform(4)) {
		case 0:
			put_str(f);
			put_char('.');
			put_str(s);
			break;
		case 1:
			put_str(f);
			put_char('_');
			put_str(s);
			break;
		case 2:
			put_char(f[0]);
			put_str(s);
			put_number(uniform(100), 2);
			break;
		default:
			put_str(f);
			put_str(s);
			put_number(60 + uniform(45), 2);
			break;
		}
	}
	put_char('@');
	put_str(domain);
}

static void
put_phone(const char *kind)
{
	if (strcmp(kind, "funcionario") == 0 && chance(50)) {
		put_str("+57 601 3323400");
		if (chance(60)) {
			put_str(" ext. ");
			put_number(1000 + uniform(9000), 4);
		}
	} else if (chance(25)) {
		put_str("+57 601 ");
		put_number(2000000 + uniform(6000000), 7);
	} else {
		put_str(ONE_OF(mobile_prefixes));
		put_char(' ');
		put_number(uniform(1000), 3);
		put_char(' ');
		put_number(uniform(10000), 4);
	}
}

static void
put_text(const char *s)
{
	put_field(s, strlen(s));
}

static void
put_description(const struct row *r, const struct topic *tp,
    const struct kind *k)
{
	struct text t;
	const char *sep;
	size_t first;
	int n, i;

	t.len = 0;
	t.buf[0] = '\0';
	n = 1 + (int)weighted(sentence_counts, nitems(sentence_counts));
	if (chance(20))
		sep = chance(50) ? "\n" : "\n\n";
	else
		sep = " ";

	i = 0;
	if (n >= 3 && chance(40)) {
		expand(&t, ONE_OF(openers), r);
		text_str(&t, sep);
		i++;
	}
	first = uniform(tp->nsentences);
	expand(&t, tp->sentences[first], r);
	i++;
	if (i < n && chance(60)) {
		text_str(&t, " ");
		expand(&t, k->sentences[uniform(k->nsentences)], r);
		i++;
	}
	if (i < n && n == 4) {
		/* Another sentence on the topic, never the same one. */
		text_str(&t, " ");
		first += 1 + uniform(tp->nsentences - 1);
		expand(&t, tp->sentences[first % tp->nsentences], r);
		i++;
	}
	if (i < n) {
		if (chance(30)) {
			/* A signature starts on a line of its own. */
			text_str(&t, sep[0] == ' ' ? "\n" : sep);
			expand(&t, ONE_OF(signatures), r);
		} else {
			text_str(&t, sep);
			expand(&t, ONE_OF(closings), r);
		}
	}
	put_field(t.buf, t.len);
}

static void
put_row(uint64_t i, uint64_t n, int year)
{
	struct row r;
	struct text subj;
	const struct topic *tp;
	const struct kind *k;
	const char *channel, *pref, *kind, *first, *sur;
	int email, phone, len, d;

	memset(&r, 0, sizeof(r));
	r.year = year;
	place_row(&r, i, n);
	put_received_at(&r);

	channel = PICK(channels);
	k = pick_kind();
	tp = pick_topic();
	r.team = tp->team;
	put_char(',');
	put_str(channel);
	put_char(',');
	put_str(k->type);
	put_char(',');
	put_str(tp->name);
	put_char(',');
	put_str(tp->team);

	pref = chance(8) ? PICK(preferentials) : "";
	put_char(',');
	if (chance(1))
		put_char('2');		/* Ley 1755 art. 20 */
	else
		put_char(pref[0] != '\0' ? '1' : '0');
	put_char(',');
	put_str(pref);

	make_name(&r, &first, &sur);
	put_char(',');
	put_str(r.name);
	put_char(',');
	if (chance(85))
		put_str(r.female ? "senora" : "senor");

	len = 6 + (int)weighted(id_lengths, nitems(id_lengths));
	r.id_number[0] = '1' + uniform(9);
	for (d = 1; d < len; d++)
		r.id_number[d] = '0' + uniform(10);
	r.id_number[len] = '\0';
	put_char(',');
	put_str(r.id_number);

	kind = PICK(requester_kinds);
	/* Ley 1755 art. 30: the type autoridad is another authority's
	 * request, and rs-intake takes no other requester_kind for it;
	 * the draw above is kept so that the other rows stay as they were */
	if (strcmp(k->type, "autoridad") == 0)
		kind = "autoridad";
	switch (uniform(20)) {
	case 0:
	case 1:
	case 2:
	case 3:
	case 4:
		email = 1;	/* 25% only e-mail */
		phone = 0;
		break;
	case 5:
	case 6:
	case 7:
		email = 0;	/* 15% only a phone */
		phone = 1;
		break;
	default:
		email = phone = 1;
		break;
	}
	if (strcmp(channel, "correo") == 0 || strcmp(channel, "web") == 0)
		email = 1;
	if (strcmp(channel, "telefonico") == 0)
		phone = 1;
	put_char(',');
	if (email)
		put_email(first, sur, kind);
	put_char(',');
	if (phone)
		put_phone(kind);

	put_char(',');
	if (strcmp(kind, "funcionario") == 0 ||
	    (strcmp(kind, "contratista") == 0 && chance(60)))
		put_text(ONE_OF(ministry_offices));
	else if (strcmp(kind, "tercero") == 0 || chance(20))
		put_text(ONE_OF(outside_offices));
	put_char(',');
	put_str(kind);

	r.city = ONE_OF(cities);
	r.contract = 1 + uniform(1500);
	r.day1 = 1 + uniform(25);
	r.day2 = r.day1 + 1 + uniform(4);
	r.amount = 50000UL * (2 + uniform(160));

	subj.len = 0;
	subj.buf[0] = '\0';
	if (strcmp(k->type, "peticion") == 0 ? chance(3) : chance(35))
		expand(&subj, k->subjects[uniform(k->nsubjects)], &r);
	else
		expand(&subj, tp->subjects[uniform(tp->nsubjects)], &r);
	put_char(',');
	put_field(subj.buf, subj.len);
	put_char(',');
	put_description(&r, tp, k);

	put_char(',');
	if (strcmp(channel, "correo") == 0) {
		/* A Message-ID as a mail server writes it: unique per row. */
		put_char('<');
		put_number(r.year, 4);
		put_number(r.month, 2);
		put_number(r.mday, 2);
		put_char('.');
		put_number(r.hour, 2);
		put_number(r.min, 2);
		put_number(r.sec, 2);
		put_char('.');
		put_number(i + 1, 1);
		put_str("@mail.minambiente.gov.co>");
	}
	put_char('\n');
}

static unsigned long long
number(const char *s, const char *what, unsigned long long max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (s[0] == '\0' || s[0] == '-' || *end != '\0' || errno != 0 ||
	    v > max) {
		warnx("%s: invalid %s", s, what);
		usage();
	}
	return v;
}

int
main(int argc, char *argv[])
{
	uint64_t i, n;
	int ch, year;

	rng = 1;
	year = 2024;
	while ((ch = getopt(argc, argv, "s:y:")) != -1) {
		switch (ch) {
		case 's':
			rng = number(optarg, "seed", UINT64_MAX);
			break;
		case 'y':
			year = (int)number(optarg, "year", 9999);
			if (year < 1000) {
				warnx("%s: invalid year", optarg);
				usage();
			}
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage();
	n = number(argv[0], "number of rows", MAXROWS);

	build_calendar(year);
	put_str(header);
	for (i = 0; i < n; i++)
		put_row(i, n, year);
	flush_out();
	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF)
		err(74, "stdout");
	return 0;
}
