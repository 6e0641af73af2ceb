{
	type: 'line',
	data: {
		labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
		datasets: [{
			label: 'My First dataset',
			backgroundColor: 'rgb(255, 99, 132)',
			borderColor: 'rgb(255, 99, 132)',
			fill: false,
			data: [
				300,
				8000,
				40,
				90000,
				600,
				2000,
				500000
			],
		}, {
			label: 'My Second dataset',
			backgroundColor: 'rgb(54, 162, 235)',
			borderColor: 'rgb(54, 162, 235)',
			fill: false,
			data: [
				7000,
				20,
				100000,
				400,
				30000,
				900,
				60
			],
		}]
	},
	options: {
		responsive: true,
		title: {
			display: true,
			text: 'Chart.js Line Chart - Logarithmic'
		},
		scales: {
			xAxes: [{
				display: true,
			}],
			yAxes: [{
				display: true,
				type: 'logarithmic',
			}]
		}
	}
}
